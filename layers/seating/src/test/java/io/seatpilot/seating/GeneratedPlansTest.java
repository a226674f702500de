package io.seatpilot.seating;

import static io.seatpilot.seating.Fixtures.iterations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GeneratedPlansTest {

    @ParameterizedTest
    @CsvSource({"WEDDING,50", "WEDDING,150", "WEDDING,800", "CORPORATE,300", "CORPORATE,3000"})
    void generatedInstancesGetPlansWithoutHardViolationsAndSearchBeatsGreedy(InstanceGenerator.Kind kind, int size) {
        var problem = InstanceGenerator.generate(kind, size, 11);

        var greedy = assertInstanceOf(SeatingResult.Solved.class, SeatingEngine.solve(problem, iterations(11, 0)));
        var searched = assertInstanceOf(SeatingResult.Solved.class, SeatingEngine.solve(problem, iterations(11, 200_000)));

        assertEquals(size, searched.assignments().size());
        assertEquals(List.of(), HardRules.violations(problem, searched.assignments()));
        assertEquals(CanonicalScore.of(problem, searched.assignments()), searched.score());
        assertTrue(searched.score().score() > greedy.score().score(),
                () -> "search " + searched.score() + " vs greedy " + greedy.score());
    }

    @Test
    void sameSeedSameIterationsGivesTheSamePlan() {
        var problem = InstanceGenerator.generate(InstanceGenerator.Kind.WEDDING, 300, 5);

        var first = (SeatingResult.Solved) SeatingEngine.solve(problem, iterations(42, 50_000));
        var second = (SeatingResult.Solved) SeatingEngine.solve(problem, iterations(42, 50_000));
        var otherSeed = (SeatingResult.Solved) SeatingEngine.solve(problem, iterations(43, 50_000));

        assertEquals(first.assignments(), second.assignments());
        assertTrue(!first.assignments().equals(otherSeed.assignments()), "another seed explores another path");
    }

    @Test
    void restartsAfterStagnationStayDeterministicFeasibleAndNeverLoseTheBestPlan() {
        var problem = InstanceGenerator.generate(InstanceGenerator.Kind.CORPORATE, 50, 1);

        // 500 000 steps is the least stagnation before a kick, so 3 000 000 steps go through several restarts.
        var beforeKicks = (SeatingResult.Solved) SeatingEngine.solve(problem, iterations(7, 500_000));
        var first = (SeatingResult.Solved) SeatingEngine.solve(problem, iterations(7, 3_000_000));
        var second = (SeatingResult.Solved) SeatingEngine.solve(problem, iterations(7, 3_000_000));

        assertEquals(first.assignments(), second.assignments());
        assertEquals(List.of(), HardRules.violations(problem, first.assignments()));
        assertEquals(CanonicalScore.of(problem, first.assignments()), first.score());
        assertTrue(first.score().score() >= beforeKicks.score().score(), () -> first.score() + " vs " + beforeKicks.score());
    }

    @Test
    void generatorIsReproducibleBySeed() {
        assertEquals(InstanceGenerator.generate(InstanceGenerator.Kind.CORPORATE, 150, 3),
                InstanceGenerator.generate(InstanceGenerator.Kind.CORPORATE, 150, 3));
    }

    @Test
    void explanationsMatchThePlan() {
        var problem = InstanceGenerator.generate(InstanceGenerator.Kind.WEDDING, 150, 8);
        var solved = (SeatingResult.Solved) SeatingEngine.solve(problem, iterations(8, 20_000));
        Map<String, String> plan = solved.assignments();
        Map<String, Map<String, Integer>> wishes = new HashMap<>();
        problem.relations().forEach(r -> {
            wishes.computeIfAbsent(r.a(), k -> new HashMap<>()).merge(r.b(), r.weight(), Integer::sum);
            wishes.computeIfAbsent(r.b(), k -> new HashMap<>()).merge(r.a(), r.weight(), Integer::sum);
        });
        Map<String, Table> tables = Problems.tablesById(problem);

        for (Guest g : problem.guests()) {
            List<String> lines = solved.explanations().get(g.id());
            String table = plan.get(g.id());
            assertEquals("Seated at table " + table + ".", lines.get(0));
            wishes.getOrDefault(g.id(), Map.of()).forEach((other, weight) -> {
                if (weight > 0 && table.equals(plan.get(other))) {
                    assertTrue(lines.stream().anyMatch(l -> l.startsWith("Sits with ") && List.of(
                            l.substring(10, l.length() - ", as wished.".length()).split(", ")).contains(other)), g.id());
                } else if (weight > 0) {
                    assertTrue(lines.contains("Wish not met: to sit with " + other + ", who sits at " + plan.get(other)
                            + "."), g.id());
                }
            });
            if (g.vip()) {
                assertEquals(tables.get(table).showcase(), lines.contains("VIP: seated at " + table
                        + ", a head or near-stage table."), g.id());
            }
            boolean householdTogether = problem.guests().stream()
                    .filter(o -> o.householdId().equals(g.householdId())).allMatch(o -> plan.get(o.id()).equals(table));
            assertTrue(!householdTogether || lines.stream().noneMatch(l -> l.contains("split across")), g.id());
        }
        int seatedAtT1 = (int) plan.values().stream().filter("T1"::equals).count();
        assertEquals(seatedAtT1, solved.summary().fill().get("T1").seated());
    }

    @Test
    void theConstructionOfAReplanKeepsEveryGuestWhoseTableStillFits() {
        var original = InstanceGenerator.generate(InstanceGenerator.Kind.CORPORATE, 800, 4);
        var first = (SeatingResult.Solved) SeatingEngine.solve(original, iterations(4, 100_000));
        var changed = InstanceGenerator.lateChanges(original, first.assignments(), 4);

        var constructed = (SeatingResult.Solved) SeatingEngine.solve(changed, iterations(4, 0));

        assertEquals(List.of(), HardRules.violations(changed, constructed.assignments()));
        assertEquals(0, CanonicalScore.movedGuests(changed, constructed.assignments()),
                "declines only free seats, so every staying guest keeps the table of the current plan");
    }

    @Test
    void replanAfterLateChangesMovesFewGuests() {
        var original = InstanceGenerator.generate(InstanceGenerator.Kind.WEDDING, 300, 21);
        var first = (SeatingResult.Solved) SeatingEngine.solve(original, iterations(21, 300_000));

        var changed = InstanceGenerator.lateChanges(original, first.assignments(), 99);
        var guests = changed.guests();

        var replanned = (SeatingResult.Solved) SeatingEngine.solve(changed, iterations(21, 300_000));

        assertEquals(List.of(), HardRules.violations(changed, replanned.assignments()));
        int moved = CanonicalScore.movedGuests(changed, replanned.assignments());
        assertTrue(moved * 100 <= 5 * guests.size(), () -> moved + " of " + guests.size() + " guests moved");
        assertEquals(moved, replanned.score().movedGuests());
    }
}
