package io.seatpilot.core.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.TableLayout;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DoorCardTest {

    private static final EventDefinition EVENT = new EventDefinition("Gala", "gala", null, null,
            List.of(new EventDefinition.Zone("zb", "Hall", "B", "blue", null)), List.of(), List.of());
    private static final TableLayout TABLE = new TableLayout("t12", "B-12", "zb", 10, "round", Set.of(), null, null, List.of());

    @Test
    void aPublishedPlanWinsOverTheTableTheGuestListBrought() {
        var context = new EventContext("gala", EVENT, Map.of("t12", TABLE,
                "t1", new TableLayout("t1", "A-1", null, 8, null, Set.of(), null, null, List.of())), Map.of("g1", "t12"));
        var placement = context.placementOf(guest(Set.of(), null, "t1"));
        assertEquals("B-12", placement.table().label());
        assertEquals("B", placement.zone().letter());
    }

    @Test
    void theCardShowsFirstNameLastInitialAndAttentionReasonsButNeverTheNotes() {
        var context = new EventContext("gala", EVENT, Map.of("t12", TABLE), Map.of());
        Guest guest = guest(Set.of("vip", "pmr"), "allergic to nuts", "t12");
        DoorCard card = DoorCard.of("c1", 5L, guest, context.placementOf(guest), null);
        assertEquals("Ángela", card.firstName());
        assertEquals("Ö.", card.lastInitial());
        assertEquals(List.of("vip", "notes"), card.attention());
        assertTrue(card.requireAttention());
        assertTrue(card.accessibleRoute());
        assertEquals("Zone B, table B-12, step-free route", card.direction());
        assertTrue(!io.seatpilot.core.json.Json.write(card).contains("nuts"));
    }

    @Test
    void directionsNeverExceedSevenWords() {
        var long_ = new TableLayout("t9", "the long table by the north window", "zb", 10, null, Set.of(), null, null, List.of());
        String direction = DoorCard.direction(new EventContext.Placement(long_, null, EVENT.zones().getFirst()), true);
        assertEquals(7, direction.split("\\s+").length);
        assertEquals("Please ask staff for your table", DoorCard.direction(new EventContext.Placement(null, null, null), false));
    }

    @Test
    void theEarliestScanWinsAndEqualTimesAreDecidedAlikeEverywhere() {
        Scan early = new Scan("g1", "b", 100, 0, "d1", "qr", null);
        Scan late = new Scan("g1", "a", 200, 0, "d2", "qr", null);
        Scan tie = new Scan("g1", "c", 100, 0, "d3", "qr", null);
        assertTrue(early.isEarlierThan(late));
        assertTrue(!late.isEarlierThan(early));
        assertTrue(early.isEarlierThan(tie) && !tie.isEarlierThan(early));
    }

    private static Guest guest(Set<String> tags, String notes, String table) {
        return new Guest("g1", "Ángela", "Östlund", null, tags, Guest.Rsvp.CONFIRMED, null, notes, table, null);
    }
}
