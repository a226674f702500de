package io.seatpilot.core.event;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lets the guest's pass page show the short code without the server keeping it in clear (SPEC §14): the code is
 * sealed with AES-GCM under a key derived from the pass token (HMAC-SHA256 keyed by the token), and the token is
 * never stored. Only someone holding the token — who could use the pass itself — can open it; a table dump holds
 * only ciphertext under 192-bit unknown keys. Each key seals exactly one code (a new pass has a new token), so a
 * fixed nonce never repeats under a key.
 */
public final class SealedCodes {

    private static final byte[] CONTEXT = "seatpilot/pass-code/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE = new byte[12];
    private static final int TAG_BITS = 128;

    private SealedCodes() {
    }

    public static String seal(String token, String canonicalCode) {
        return Base64.getEncoder().withoutPadding().encodeToString(
                cipher(Cipher.ENCRYPT_MODE, token, canonicalCode.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The code, or empty when the sealed value was not sealed with this token (or is damaged). */
    public static Optional<String> open(String token, String sealed) {
        try {
            return Optional.of(new String(cipher(Cipher.DECRYPT_MODE, token, Base64.getDecoder().decode(sealed)),
                    StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException | IllegalStateException notOurs) {
            return Optional.empty();
        }
    }

    private static byte[] cipher(int mode, String token, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(mac.doFinal(CONTEXT), "AES"), new GCMParameterSpec(TAG_BITS, NONCE));
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException wrongToken) {
            throw new IllegalStateException(wrongToken);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
