package io.seatpilot.core.signing;

import java.security.GeneralSecurityException;
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
        Mac mac = PER_THREAD.get().forKey(key);
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    private static final class KeyedMac {

        private final Mac mac;
        private byte[] key;

        KeyedMac() {
            try {
                mac = Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }

        Mac forKey(byte[] wanted) {
            if (key == null || !MessageDigest.isEqual(key, wanted)) {
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
}
