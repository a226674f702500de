package io.seatpilot.core.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The per-thread Mac answers as a fresh one would, whatever key the call before used or how the caller's array changed. */
class HmacSha256Test {

    @Test
    void keysThatAlternateOrChangeInPlaceGiveTheMacOfAFreshInstance() throws Exception {
        byte[] a = "key-a".getBytes(StandardCharsets.UTF_8);
        byte[] b = "another-key-b".getBytes(StandardCharsets.UTF_8);
        byte[] body = "body".getBytes(StandardCharsets.UTF_8);
        for (byte[] key : new byte[][] {a, b, a, a, b}) {
            assertArrayEquals(fresh(key, body), HmacSha256.mac(key, body));
        }
        byte[] reused = a.clone();
        HmacSha256.mac(reused, body);
        reused[0] = 'X';
        assertArrayEquals(fresh(reused, body), HmacSha256.mac(reused, body));
    }

    @Test
    void secretsGivenAsStringsInAnyMixWithByteKeysGiveTheMacOfAFreshInstance() throws Exception {
        String a = "secret-a";
        String equalToA = new String("secret-a".toCharArray());
        String b = "secret-b-ñ";
        byte[] body = "body".getBytes(StandardCharsets.UTF_8);
        // the String remembered by reference must not survive a call with another key in between, of either kind
        Object[] keys = {a, a, b, a, equalToA, "x".getBytes(StandardCharsets.UTF_8), a, b.getBytes(StandardCharsets.UTF_8), b};
        for (Object key : keys) {
            byte[] bytes = key instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) key;
            byte[] mac = key instanceof String text ? HmacSha256.mac(text, body) : HmacSha256.mac(bytes, body);
            assertArrayEquals(fresh(bytes, body), mac);
        }
    }

    @Test
    void hexComparisonAcceptsExactlyTheEncodingOfTheExpectedBytes() {
        byte[] expected = HmacSha256.mac("k", "body".getBytes(StandardCharsets.UTF_8));
        String hex = HmacSha256.hex(expected);
        assertTrue(HmacSha256.constantTimeEqualsHex(expected, hex));
        assertTrue(HmacSha256.constantTimeEqualsHex(expected, hex.toUpperCase(java.util.Locale.ROOT)));
        for (int i = 0; i < hex.length(); i++) {
            char other = hex.charAt(i) == '0' ? '1' : '0';
            assertFalse(HmacSha256.constantTimeEqualsHex(expected, hex.substring(0, i) + other + hex.substring(i + 1)));
        }
        assertFalse(HmacSha256.constantTimeEqualsHex(expected, hex.substring(2)));
        assertFalse(HmacSha256.constantTimeEqualsHex(expected, hex + "00"));
    }

    private static byte[] fresh(byte[] key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(body);
    }
}
