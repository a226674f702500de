package io.seatpilot.core.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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

    private static byte[] fresh(byte[] key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(body);
    }
}
