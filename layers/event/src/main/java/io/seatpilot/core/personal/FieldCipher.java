package io.seatpilot.core.personal;

import io.seatpilot.core.snapstart.FreshRandom;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for one field of one guest. The associated data names tenant, event, guest and field, so a
 * ciphertext copied onto another guest (or into another field, event or tenant) fails its tag instead of
 * decrypting. Layout: version byte, 12-byte nonce, ciphertext with its 16-byte tag.
 */
public final class FieldCipher {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private FieldCipher() {
    }

    /** Where a sealed value belongs; any difference makes {@link #open} refuse it. */
    public record Binding(String tenant, String event, String guestId, SealedField field) {

        byte[] associatedData() {
            // lengths first, so no two bindings can concatenate to the same bytes
            String text = tenant.length() + ":" + tenant + "|" + event.length() + ":" + event + "|"
                    + guestId.length() + ":" + guestId + "|" + field.wire();
            return ("seatpilot/personal/v1|" + text).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The value does not open under this key and binding: tampered, moved, or sealed under another data key. */
    public static final class Unopenable extends RuntimeException {
        Unopenable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static byte[] seal(SecretKey key, Binding binding, String plaintext, FreshRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding.associatedData());
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public static String open(SecretKey key, Binding binding, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new Unopenable("Not a sealed field of version " + VERSION, null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(binding.associatedData());
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new Unopenable("The sealed " + binding.field().wire() + " does not belong to this guest", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
