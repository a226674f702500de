package io.seatpilot.local.kms;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.SortedMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * This endpoint's ciphertext format: version, key id, IV, AES-256-GCM output. Like AWS's, the blob names
 * its key, so Decrypt needs no KeyId. Only this endpoint reads it; it is not AWS's format.
 */
record CiphertextBlob(String keyId, byte[] iv, byte[] sealed) {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    static CiphertextBlob seal(KmsKey key, byte[] plaintext, SortedMap<String, String> context,
                               SecureRandom random) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        return new CiphertextBlob(key.id(), iv, crypt(Cipher.ENCRYPT_MODE, key, iv, plaintext, context));
    }

    static CiphertextBlob decode(byte[] blob) {
        try {
            var buffer = ByteBuffer.wrap(blob);
            if (buffer.get() != VERSION) {
                throw invalid();
            }
            byte[] keyId = new byte[Byte.toUnsignedInt(buffer.get())];
            buffer.get(keyId);
            byte[] iv = new byte[IV_BYTES];
            buffer.get(iv);
            byte[] sealed = new byte[buffer.remaining()];
            buffer.get(sealed);
            if (sealed.length < TAG_BITS / Byte.SIZE) {
                throw invalid();
            }
            return new CiphertextBlob(new String(keyId, StandardCharsets.US_ASCII), iv, sealed);
        } catch (BufferUnderflowException e) {
            throw invalid();
        }
    }

    byte[] encode() {
        byte[] keyIdBytes = keyId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(2 + keyIdBytes.length + iv.length + sealed.length)
                .put(VERSION).put((byte) keyIdBytes.length).put(keyIdBytes).put(iv).put(sealed)
                .array();
    }

    /** {@code key} must be the key this blob names. */
    byte[] open(KmsKey key, SortedMap<String, String> context) {
        return crypt(Cipher.DECRYPT_MODE, key, iv, sealed, context);
    }

    private static byte[] crypt(int mode, KmsKey key, byte[] iv, byte[] input, SortedMap<String, String> context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key.material(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(key.id(), context));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw invalid();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable in this JVM", e);
        }
    }

    /**
     * Authenticates the key id and the encryption context with the ciphertext, so Decrypt fails unless
     * both match Encrypt's. Strings are length-prefixed so that no two contexts share an encoding.
     */
    private static byte[] associatedData(String keyId, SortedMap<String, String> context) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            writeString(out, keyId);
            for (var entry : context.entrySet()) {
                writeString(out, entry.getKey());
                writeString(out, entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static KmsError invalid() {
        return KmsError.of("InvalidCiphertextException",
                "The ciphertext is invalid or was not produced by this endpoint");
    }
}
