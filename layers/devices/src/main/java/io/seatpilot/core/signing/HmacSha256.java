package io.seatpilot.core.signing;

import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over bytes, hex encoded as the contract's {@code x-sig}. */
public final class HmacSha256 {

    private static final HexFormat HEX = HexFormat.of();

    private HmacSha256() {
    }

    /**
     * One Mac per thread, initialised again only when the key changes: looking a Mac up and initialising it
     * cost about as much as hashing a 1 KiB body (issue 16), and a function instance sees the same key over and
     * over. The key is compared in constant time and copied, so a caller's later change to its array cannot leak in.
     */
    private static final ThreadLocal<KeyedMac> PER_THREAD = ThreadLocal.withInitial(KeyedMac::new);

    public static byte[] mac(byte[] key, byte[]... parts) {
        return doFinal(PER_THREAD.get().forKey(key), parts);
    }

    /**
     * The same with the key as the UTF-8 bytes of {@code secret}. The verifier's secrets come from a cache that
     * hands out the same String for a key, so the one it last saw is recognised by reference, without encoding and
     * comparing its bytes on every request (issue 16); any other String goes through {@link #mac(byte[], byte[]...)}'s path.
     */
    public static byte[] mac(String secret, byte[]... parts) {
        return doFinal(PER_THREAD.get().forSecret(secret), parts);
    }

    private static byte[] doFinal(Mac mac, byte[][] parts) {
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    private static final class KeyedMac {

        private final Mac mac;
        private byte[] key;
        /** The String whose bytes {@code key} holds, when the key came as one. */
        private String secret;

        KeyedMac() {
            try {
                mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }

        Mac forSecret(String wanted) {
            if (wanted != secret) {
                forKey(wanted.getBytes(StandardCharsets.UTF_8));
                secret = wanted;
                return mac;
            }
            mac.reset();
            return mac;
        }

        Mac forKey(byte[] wanted) {
            if (key == null || !MessageDigest.isEqual(key, wanted)) {
                secret = null; // the bytes change: they are no longer the remembered String's
                try {
                    mac.init(new SecretKeySpec(wanted, "HmacSHA256"));
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("not an HmacSHA256 key", e);
                }
                key = wanted.clone();
            }
            mac.reset(); // in case a previous use threw before doFinal
            return mac;
        }
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Compares in time independent of where the first difference is, so a forger learns nothing from timing. */
    public static boolean constantTimeEquals(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    public static byte[] parseHex(String hex) {
        return HEX.parseHex(hex);
    }

    /**
     * Whether {@code hex} (upper or lower case) encodes exactly {@code expected}, in time independent of where
     * they differ, like {@link #constantTimeEquals}, without decoding into a new array first.
     */
    public static boolean constantTimeEqualsHex(byte[] expected, String hex) {
        if (hex.length() != 2 * expected.length) {
            return false; // the length is no secret: every signature has the same
        }
        int difference = 0;
        for (int i = 0; i < expected.length; i++) {
            int value = HexFormat.fromHexDigit(hex.charAt(2 * i)) << 4 | HexFormat.fromHexDigit(hex.charAt(2 * i + 1));
            difference |= value ^ (expected[i] & 0xFF);
        }
        return difference == 0;
    }
}
