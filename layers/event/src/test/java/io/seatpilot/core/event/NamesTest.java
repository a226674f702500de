package io.seatpilot.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void foldingRemovesAccentsCaseAndPunctuation() {
        assertEquals("jose nunez", Names.fold("  José  Núñez "));
        assertEquals("francois o brien", Names.fold("FRANÇOIS O'Brien"));
        assertEquals("strasse", Names.fold("Straße"));
    }

    @Test
    void everyWordOfANameStartsOneIndexKeySoPrefixesMatchInAnyOrder() {
        Set<String> keys = Names.indexKeys("María José", "García");
        assertEquals(Set.of("maria jose garcia", "jose garcia maria", "garcia maria jose"), keys);
        assertTrue(keys.stream().anyMatch(k -> k.startsWith(Names.fold("jose ga"))));
        assertTrue(Names.indexKeys("José", "Núñez").stream().anyMatch(k -> k.startsWith(Names.fold("jose nu"))));
    }

    /** The door list keeps three folded letters of each name word: enough to narrow a search, never a last name. */
    @Test
    void doorKeysAreShortFoldedPrefixes() {
        assertEquals(java.util.List.of("mar", "jos", "gar"), Names.doorKeys("María José", "García"));
        assertEquals(java.util.List.of("jos", "nun"), Names.doorKeys("José", "Núñez"));
        assertEquals(java.util.List.of("li", "wu"), Names.doorKeys("Li", "Wu"));
    }
}
