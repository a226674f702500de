package io.seatpilot.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeHashingTest {

    /** RFC 7914 §11's PBKDF2-HMAC-SHA256 vector (first 32 bytes): what WebCrypto's deriveBits gives a kiosk too. */
    @Test
    void matchesThePublishedPbkdf2Sha256Vector() {
        CodeHashing hashing = new CodeHashing(CodeHashing.ALGORITHM,
                HexFormat.of().formatHex("salt".getBytes(StandardCharsets.US_ASCII)), 1, 256);
        assertEquals("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc", hashing.hash("passwd"));
    }

    @Test
    void eachEventHasItsOwnSalt() {
        CodeHashing a = CodeHashing.fresh(new io.seatpilot.core.snapstart.FreshRandom());
        CodeHashing b = CodeHashing.fresh(new io.seatpilot.core.snapstart.FreshRandom());
        assertNotEquals(a.salt(), b.salt());
        assertNotEquals(a.hash("7KQ2M9XD"), b.hash("7KQ2M9XD"));
        assertEquals(a.hash("7KQ2M9XD"), a.hash("7KQ2M9XD"));
    }

    @Test
    void aSealedCodeOpensOnlyWithItsToken() {
        String sealed = SealedCodes.seal("token-one-abcdefghijklmnopqrstuvwxyz", "7KQ2M9XD");
        assertTrue(!sealed.contains("7KQ2M9XD"));
        assertEquals(Optional.of("7KQ2M9XD"), SealedCodes.open("token-one-abcdefghijklmnopqrstuvwxyz", sealed));
        assertEquals(Optional.empty(), SealedCodes.open("token-two-abcdefghijklmnopqrstuvwxyz", sealed));
        assertEquals(Optional.empty(), SealedCodes.open("token-one-abcdefghijklmnopqrstuvwxyz", "not base64!"));
    }
}
