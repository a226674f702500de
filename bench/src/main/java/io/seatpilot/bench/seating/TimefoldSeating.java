package io.seatpilot.bench.seating;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import io.seatpilot.seating.Guest;
import io.seatpilot.seating.Relation;
import io.seatpilot.seating.SeatingEngine;
import io.seatpilot.seating.SeatingProblem;
import io.seatpilot.seating.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer: Timefold Solver Community Edition with its default phases (first-fit construction, then late
 * acceptance local search), single-threaded like our engine, on the same units and the same score.
 */
final class TimefoldSeating {

    private TimefoldSeating() {
    }

    static Outcome solve(SeatingProblem problem, long budgetMs, long seed) {
        List<List<String>> groups = SeatingEngine.togetherGroups(problem).orElseThrow();
        Map<String, TableFact> tables = new LinkedHashMap<>();
        for (Table t : problem.tables()) {
            tables.put(t.id(), new TableFact(t.id(), t.capacity(), t.accessible(), t.showcase()));
        }
        Map<String, Guest> guests = new HashMap<>();
        problem.guests().forEach(g -> guests.put(g.id(), g));
        Map<String, String> locks = new HashMap<>();
        problem.locks().forEach(l -> locks.put(l.guest(), l.table()));
        Map<String, Integer> unitOf = new HashMap<>();
        List<UnitEntity> units = new ArrayList<>();
        for (int u = 0; u < groups.size(); u++) {
            units.add(unit(u, groups.get(u), guests, locks, tables, problem));
            for (String g : groups.get(u)) {
                unitOf.put(g, u);
            }
        }
        SeatingSolution solution = new SeatingSolution(List.copyOf(tables.values()), links(problem, unitOf), units);

        SolverConfig config = new SolverConfig()
                .withSolutionClass(SeatingSolution.class)
                .withEntityClasses(UnitEntity.class)
                .withConstraintProviderClass(SeatingConstraints.class)
                .withTerminationSpentLimit(Duration.ofMillis(budgetMs))
                .withRandomSeed(seed);
        Solver<SeatingSolution> solver = SolverFactory.<SeatingSolution>create(config).buildSolver();
        AtomicLong firstFeasible = new AtomicLong(-1);
        long start = System.nanoTime();
        solver.addEventListener(event -> {
            if (firstFeasible.get() < 0 && event.getNewBestScore().isFeasible()
                    && event.getNewBestSolution().units.stream().allMatch(u -> u.table != null)) {
                firstFeasible.set((System.nanoTime() - start) / 1_000_000);
            }
        });
        SeatingSolution best = solver.solve(solution);
        Map<String, String> assignments = new LinkedHashMap<>();
        for (UnitEntity unit : best.units) {
            if (unit.table != null) {
                groups.get(unit.id).forEach(g -> assignments.put(g, unit.table.id));
            }
        }
        return new Outcome(assignments, firstFeasible.get());
    }

    private static UnitEntity unit(int id, List<String> members, Map<String, Guest> guests, Map<String, String> locks,
                                   Map<String, TableFact> tables, SeatingProblem problem) {
        boolean pmr = false;
        long vip = 0;
        long withCurrent = 0;
        Map<TableFact, Long> staying = new HashMap<>();
        TableFact locked = null;
        for (String g : members) {
            pmr |= guests.get(g).pmr();
            vip += guests.get(g).vip() ? problem.weights().vip() : 0;
            if (locks.containsKey(g)) {
                locked = tables.get(locks.get(g));
            }
            TableFact before = tables.get(problem.current().get(g));
            if (before != null) {
                withCurrent++;
                staying.merge(before, 1L, Long::sum);
            }
        }
        long move = problem.weights().move();
        long all = withCurrent * move;
        Map<TableFact, Long> cost = new HashMap<>();
        staying.forEach((table, count) -> cost.put(table, all - count * move));
        return new UnitEntity(id, members.size(), pmr, vip, cost, all, locked);
    }

    private static List<LinkFact> links(SeatingProblem problem, Map<String, Integer> unitOf) {
        Map<Long, long[]> byPair = new LinkedHashMap<>();
        for (Relation r : problem.relations()) {
            accumulate(byPair, unitOf.get(r.a()), unitOf.get(r.b()), r.weight(), false);
        }
        for (List<String> pair : problem.mustApart()) {
            accumulate(byPair, unitOf.get(pair.get(0)), unitOf.get(pair.get(1)), 0, true);
        }
        List<LinkFact> links = new ArrayList<>();
        byPair.forEach((key, value) -> links.add(new LinkFact((int) (key >>> 32), (int) (long) key, value[0], value[1] != 0)));
        return links;
    }

    private static void accumulate(Map<Long, long[]> byPair, int a, int b, long weight, boolean apart) {
        if (a == b) {
            return;
        }
        long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
        long[] value = byPair.computeIfAbsent(key, k -> new long[2]);
        value[0] += weight;
        value[1] |= apart ? 1 : 0;
    }
}
