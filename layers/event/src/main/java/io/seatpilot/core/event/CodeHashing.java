package io.seatpilot.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.seatpilot.core.snapstart.FreshRandom;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * How the door list carries short codes (SPEC §15): PBKDF2-HMAC-SHA256 of the canonical code under the event's
 * salt, so an offline kiosk can check a typed code (one derivation per typed code, WebCrypto's PBKDF2) while a
 * stolen list costs {@code iterations} HMACs per guess. The salt is per event, not per guest, because the kiosk must
 * compare one derivation against every guest; the price is that one brute force of the 2^40 codes covers the whole
 * list. The server's own lookup stays the KMS-keyed HMAC of {@link ShortCodeKeys}: this hash exists only for the list.
 */
public record CodeHashing(@JsonProperty("algorithm") String algorithm, @JsonProperty("salt") String salt,
                          @JsonProperty("iterations") int iterations, @JsonProperty("length_bits") int lengthBits) {

    public static final String ALGORITHM = "PBKDF2-SHA256";
    /**
     * Computed at issue time for every pass: 3 000 passes at this cost take a few seconds of one core, inside the
     * pass-issuing function's timeout; the stored cost travels with the salt, so raising it later keeps old events readable.
     */
    public static final int ITERATIONS = 5_000;
    private static final int SALT_BYTES = 16;
    private static final int LENGTH_BITS = 256;

    public static CodeHashing fresh(FreshRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new CodeHashing(ALGORITHM, HexFormat.of().formatHex(salt), ITERATIONS, LENGTH_BITS);
    }

    /**
     * Lower-case hex of the derived bits. The JDK encodes the password chars as UTF-8; codes are ASCII, so these are
     * the code's own bytes, as WebCrypto's {@code importKey("raw", …)} of the ASCII code takes them.
     */
    public String hash(String canonicalCode) {
        PBEKeySpec spec = new PBEKeySpec(canonicalCode.toCharArray(), HexFormat.of().parseHex(salt), iterations, lengthBits);
        try {
            return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
        }
    }
}
