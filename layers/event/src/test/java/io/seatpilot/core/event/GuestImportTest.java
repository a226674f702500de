package io.seatpilot.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuestImportTest {

    @Test
    void csvRowsAreCheckedOneByOneAndBadOnesCarryTheirLine() {
        var parsed = GuestImport.csv("""
                id,first_name,last_name,household_id,tags,rsvp
                c1,Lucía,Gómez,h1,vip;pmr,confirmed
                c2,,Pérez,,,confirmed
                c3,"Tom
                Jr.",Hill,,,maybe
                c4,Eve,Stone,,,pending,extra
                c5,"Ann, Jr.",Lee,,,confirmed
                c1,Again,Twice,,,confirmed""");

        assertEquals(List.of("c1", "c5"), parsed.guests().stream().map(Guest::id).toList());
        assertEquals(Set.of("vip", "pmr"), parsed.guests().getFirst().tags());
        assertEquals("Ann, Jr.", parsed.guests().get(1).firstName());
        assertEquals(List.of(3, 4, 6, 8), parsed.errors().stream().map(RowError::line).toList());
        assertEquals(List.of("first_name", "rsvp", "id"),
                parsed.errors().stream().map(RowError::field).filter(java.util.Objects::nonNull).toList());
    }

    @Test
    void aCsvHeaderWithAnUnknownColumnIsRefusedAsAWhole() {
        assertThrows(ApiException.class, () -> GuestImport.csv("id,first_name,fax\ng1,A,+34910000000\n"));
    }

    @Test
    void csvContactColumnsAreCheckedPerRowAndBadRowsNeverStopTheGoodOnes() {
        var parsed = GuestImport.csv("""
                id,first_name,email,phone,locale,max_companions
                g1,Ana,ana@example.org,+34 612 34 56 78,es,2
                g2,Luis,luis@example,,,
                g3,Eva,,0034612345678,,
                g4,Noa,,,,11
                g5,Iker,,,en-GB,
                """);
        assertEquals(List.of("g1", "g5"), parsed.guests().stream().map(Guest::id).toList());
        assertEquals(new Guest.Invitation("ana@example.org", "+34612345678", "es", 2, List.of()), parsed.guests().get(0).invitation());
        assertEquals(List.of("email", "phone", "max_companions"), parsed.errors().stream().map(RowError::field).toList());
        assertEquals(List.of(3, 4, 5), parsed.errors().stream().map(RowError::line).toList());
    }

    @Test
    void jsonHouseholdsGiveTheirMembersTheHouseholdAndBadHouseholdsAreReported() {
        var parsed = GuestImport.json(Json.tree(Map.of(
                "guests", List.of(Map.of("id", "a", "first_name", "A"), Map.of("id", "b", "first_name", "B", "household_id", "h2"),
                        Map.of("id", "c", "first_name", "C", "rsvp", "sometimes")),
                "households", List.of(Map.of("id", "h1", "name", "One", "members", List.of("a")),
                        Map.of("id", "h3", "members", List.of("b"))))));

        assertEquals("h1", parsed.guests().getFirst().householdId());
        assertEquals(List.of("h1"), parsed.households().stream().map(GuestImport.HouseholdRow::id).toList());
        assertEquals(List.of("guests[2]", "households[1]"), parsed.errors().stream().map(RowError::row).toList());
    }

    /** U+3316 (㌖) is one character that folds to six, 18 bytes: 100 of them fit the 100 characters but not a key. */
    @Test
    void aNameWhoseFoldedFormOverflowsTheNameIndexKeyIsARowErrorAndTheOtherRowsStay() {
        String expanding = "\u3316".repeat(100);
        var parsed = GuestImport.json(Json.tree(Map.of("guests", List.of(
                Map.of("id", "ok", "first_name", "Ana", "last_name", "\u3316".repeat(10)),
                Map.of("id", "long-first", "first_name", expanding),
                Map.of("id", "long-last", "first_name", "Ana", "last_name", expanding)))));
        assertEquals(List.of("ok"), parsed.guests().stream().map(Guest::id).toList());
        assertEquals(List.of("first_name", "last_name"), parsed.errors().stream().map(RowError::field).toList());
        var csv = GuestImport.csv("id,first_name\nc1," + expanding + "\nc2,Eve\n");
        assertEquals(List.of("c2"), csv.guests().stream().map(Guest::id).toList());
        assertEquals(List.of(2), csv.errors().stream().map(RowError::line).toList());
    }
}
