package io.seatpilot.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.snapstart.FreshRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShortCodesTest {

    @Test
    void issuedCodesAreEightCrockfordCharactersWithoutILOU() {
        FreshRandom random = new FreshRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = ShortCodes.issue(random);
            assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{8}"), code);
            assertEquals(Optional.of(code), ShortCodes.canonical(code));
            seen.add(code);
        }
        assertTrue(seen.size() > 9_990, "40 random bits: " + seen.size());
    }

    @Test
    void typingIsForgivingAsCrockfordIntends() {
        assertEquals(Optional.of("AB1CD0EF"), ShortCodes.canonical("ab-ic d0-ef"));
        assertEquals(Optional.of("AB1CD0EF"), ShortCodes.canonical("ABLC-DOEF"));
        assertEquals(Optional.of("AB1CD0EF"), ShortCodes.canonical("abicdoef"));
        assertEquals("AB1C-D0EF", ShortCodes.grouped("AB1CD0EF"));
    }

    @Test
    void anythingElseIsNotACode() {
        for (String bad : new String[] {"", "ABC", "ABCDEFGHJ", "UUUUUUUU", "ABCD*EFG", "ÄBCDEFGH", "A".repeat(40), "--------"}) {
            assertEquals(Optional.empty(), ShortCodes.canonical(bad), bad);
        }
        assertEquals(Optional.empty(), ShortCodes.canonical(null));
    }
}
