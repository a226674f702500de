package io.seatpilot.seating;

import static io.seatpilot.seating.Fixtures.guest;
import static io.seatpilot.seating.Fixtures.iterations;
import static io.seatpilot.seating.Fixtures.problem;
import static io.seatpilot.seating.Fixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class HardCasesTest {

    @Test
    void householdLargerThanAnyTableIsSplitAcrossTheFewestTablesAndReported() {
        List<Guest> guests = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            guests.add(guest("f" + i, "big"));
        }
        guests.add(guest("x1", "other"));
        guests.add(guest("x2", "other"));
        var problem = problem(List.of(table("T1", 4), table("T2", 4), table("T3", 4)), guests);

        var solved = assertInstanceOf(SeatingResult.Solved.class, SeatingEngine.solve(problem, iterations(1, 10_000)));

        var tables = new HashSet<String>();
        guests.subList(0, 7).forEach(g -> tables.add(solved.assignments().get(g.id())));
        assertEquals(2, tables.size());
        assertEquals(List.of(), HardRules.violations(problem, solved.assignments()));
        assertEquals(List.of("big"), solved.summary().splitHouseholds().stream()
                .map(PlanSummary.SplitHousehold::household).toList());
        assertTrue(solved.explanations().get("f1").stream().anyMatch(line -> line.contains("split across")));
    }

    @Test
    void householdLargerThanAllSeatsIsInfeasibleNamingIt() {
        List<Guest> guests = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            guests.add(guest("f" + i, "big"));
        }
        var result = SeatingEngine.solve(problem(List.of(table("T1", 4), table("T2", 4)), guests), iterations(1, 100));

        assertReason(result, r -> r.contains("household big") && r.contains("seat 8"));
    }

    @Test
    void pmrGuestsBeyondAccessibleSeatsAreInfeasibleWithReason() {
        var guests = List.of(guest("p1", "h1", "pmr"), guest("p1b", "h1"), guest("p2", "h2", "pmr"),
                guest("p3", "h3", "pmr"));
        var tables = List.of(table("T1", 2, "accessible"), table("T2", 10));

        var result = SeatingEngine.solve(problem(tables, guests), iterations(1, 100));

        assertReason(result, r -> r.contains("4 guests must sit at accessible tables") && r.contains("p1")
                && r.contains("p3") && r.contains("T1") && r.contains("seat only 2"));
    }

    @Test
    void pmrGuestsGoToAccessibleTablesWhenThereIsRoom() {
        var guests = List.of(guest("p1", "h1", "pmr"), guest("p1b", "h1"), guest("a", "h2"), guest("b", "h3"));
        var problem = problem(List.of(table("T1", 2), table("T2", 2, "accessible")), guests);

        var solved = assertInstanceOf(SeatingResult.Solved.class, SeatingEngine.solve(problem, iterations(1, 1_000)));

        assertEquals("T2", solved.assignments().get("p1"));
        assertEquals("T2", solved.assignments().get("p1b"));
        assertTrue(solved.explanations().get("p1").contains("Needs an accessible table (reduced mobility): T2 is accessible."));
    }

    @Test
    void lockConflictingWithMustApartIsInfeasibleNamingGuestsAndTable() {
        var guests = List.of(guest("a", "h1"), guest("b", "h2"), guest("c", "h3"));
        var problem = new SeatingProblem(List.of(table("T1", 4), table("T2", 4)), guests, List.of(),
                List.of(List.of("a", "b")), List.of(new Lock("a", "T2"), new Lock("b", "T2")), Map.of(), null);

        var result = SeatingEngine.solve(problem, iterations(1, 100));

        var infeasible = assertInstanceOf(SeatingResult.Infeasible.class, result);
        assertEquals(List.of("guests a and b must be apart, but both are locked to T2"), infeasible.reasons());
    }

    @Test
    void mustApartInsideAHouseholdThatSitsTogetherIsInfeasible() {
        var guests = List.of(guest("a", "h1"), guest("b", "h1"));
        var problem = new SeatingProblem(List.of(table("T1", 4), table("T2", 4)), guests, List.of(),
                List.of(List.of("a", "b")), List.of(), Map.of(), null);

        assertReason(SeatingEngine.solve(problem, iterations(1, 100)),
                r -> r.contains("a and b must be apart") && r.contains("household h1"));
    }

    @Test
    void locksAndMustApartWinOverWishes() {
        var guests = List.of(guest("a", "h1"), guest("b", "h2"), guest("c", "h3"), guest("d", "h3"));
        var problem = new SeatingProblem(List.of(table("T1", 3), table("T2", 2), table("T3", 2)), guests,
                List.of(new Relation("a", "b", 9)), List.of(List.of("a", "b")), List.of(new Lock("c", "T1")),
                Map.of(), null);

        var solved = assertInstanceOf(SeatingResult.Solved.class, SeatingEngine.solve(problem, iterations(1, 1_000)));

        assertEquals("T1", solved.assignments().get("c"));
        assertEquals("T1", solved.assignments().get("d"));
        assertNotEquals(solved.assignments().get("a"), solved.assignments().get("b"));
        assertEquals(List.of(), HardRules.violations(problem, solved.assignments()));
        assertTrue(solved.explanations().get("c").contains("Locked to table T1 by the planner."));
        assertTrue(solved.explanations().get("a").contains("Kept apart from b, as required."));
    }

    private static void assertReason(SeatingResult result, Predicate<String> expected) {
        var infeasible = assertInstanceOf(SeatingResult.Infeasible.class, result);
        assertTrue(infeasible.reasons().stream().anyMatch(expected), () -> "reasons were " + infeasible.reasons());
    }
}
