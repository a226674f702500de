package io.seatpilot.seating;

import static io.seatpilot.seating.Fixtures.guest;
import static io.seatpilot.seating.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Walk-ins placed into a plan that stays as it is (SeatingEngine.placeNew). */
class IncrementalPlacementTest {

    private static final List<Table> ROOM = List.of(table("T1", 4), table("T2", 4), table("A1", 4, "accessible"),
            table("H1", 4, "head"));

    /** T1 full, T2 has 1 free seat, A1 (accessible) 3, H1 (head) 2. */
    private static Map<String, String> fixed() {
        Map<String, String> plan = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            plan.put("t1-" + i, "T1");
        }
        for (int i = 0; i < 3; i++) {
            plan.put("t2-" + i, "T2");
        }
        plan.put("a1-0", "A1");
        plan.put("h1-0", "H1");
        plan.put("h1-1", "H1");
        return plan;
    }

    private static List<Guest> seatedGuests() {
        List<Guest> guests = new ArrayList<>();
        fixed().keySet().stream().sorted().forEach(id -> guests.add(guest(id, null)));
        return guests;
    }

    private static SeatingProblem with(List<Guest> walkIns, List<List<String>> mustApart, List<Relation> relations) {
        List<Guest> guests = new ArrayList<>(seatedGuests());
        guests.addAll(walkIns);
        return new SeatingProblem(ROOM, guests, relations, mustApart, List.of(), Map.of(), null);
    }

    private static Map<String, String> placed(SeatingProblem problem) {
        Placement placement = SeatingEngine.placeNew(problem, fixed());
        Map<String, String> tables = assertInstanceOf(Placement.Placed.class, placement).tables();
        Map<String, String> whole = new HashMap<>(fixed());
        whole.putAll(tables);
        assertEquals(List.of(), HardRules.violations(problem, whole));
        return tables;
    }

    @Test
    void aHouseholdOfThreeSitsTogetherWhereThreeSeatsAreFreeAndAccessibleSeatsAreKeptForThoseWhoNeedThem() {
        // A1 (accessible, 3 free) and H1 (2 free) and T2 (1 free): only A1 can take three together
        var tables = placed(with(List.of(guest("w1", "hw"), guest("w2", "hw"), guest("w3", "hw")), List.of(), List.of()));
        assertEquals(Map.of("w1", "A1", "w2", "A1", "w3", "A1"), tables);
        // a pair fits at H1 or A1: H1 is chosen, the accessible seats stay free
        assertEquals(Map.of("p1", "H1", "p2", "H1"),
                placed(with(List.of(guest("p1", "hp"), guest("p2", "hp")), List.of(), List.of())));
    }

    @Test
    void pmrGoesToAnAccessibleTableAndIsPlacedFirst() {
        var tables = placed(with(List.of(guest("x1", "hx"), guest("x2", "hx"), guest("p", null, "pmr")), List.of(), List.of()));
        assertEquals("A1", tables.get("p"));
        assertEquals("H1", tables.get("x1"));
        assertEquals("H1", tables.get("x2"));
    }

    @Test
    void mustApartAndWishesAreHonoured() {
        // the walk-in must not sit with a1-0 (at A1) and wishes to sit with t2-0 (T2, one seat free)
        var tables = placed(with(List.of(guest("w", null)), List.of(List.of("w", "a1-0")),
                List.of(new Relation("w", "t2-0", 3))));
        assertEquals(Map.of("w", "T2"), tables);
        // a VIP earns the head table's bonus
        assertEquals(Map.of("v", "H1"), placed(with(List.of(guest("v", null, "vip")), List.of(), List.of())));
    }

    @Test
    void noSeatsTogetherIsBlockedWithTheReasonAndNothingMoves() {
        var walkIns = List.of(guest("b1", "hb"), guest("b2", "hb"), guest("b3", "hb"), guest("b4", "hb"));
        Placement placement = SeatingEngine.placeNew(with(walkIns, List.of(), List.of()), fixed());
        var blocked = assertInstanceOf(Placement.Blocked.class, placement);
        assertEquals(List.of("no table has 4 free seats together for b1, b2, b3, b4"), blocked.reasons());
        var pmr = SeatingEngine.placeNew(with(List.of(guest("q1", "hq", "pmr"), guest("q2", "hq"), guest("q3", "hq"),
                guest("q4", "hq")), List.of(), List.of()), fixed());
        assertTrue(assertInstanceOf(Placement.Blocked.class, pmr).reasons().getFirst().contains("accessible"));
    }

    @Test
    void theSameInputGivesTheSamePlacement() {
        var walkIns = List.of(guest("a", "h1"), guest("b", null), guest("c", null, "pmr"), guest("d", null));
        Map<String, String> first = placed(with(walkIns, List.of(), List.of()));
        for (int i = 0; i < 5; i++) {
            assertEquals(first, placed(with(walkIns, List.of(), List.of())));
        }
    }
}
