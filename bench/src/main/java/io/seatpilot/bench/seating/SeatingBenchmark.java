package io.seatpilot.bench.seating;

import io.seatpilot.seating.CanonicalScore;
import io.seatpilot.seating.HardRules;
import io.seatpilot.seating.InstanceGenerator;
import io.seatpilot.seating.SeatingEngine;
import io.seatpilot.seating.SeatingProblem;
import io.seatpilot.seating.SeatingResult;
import io.seatpilot.seating.SolveOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our engine vs Timefold vs the greedy construction on generated instances, each judged by the same hard-rule
 * checker and canonical score. Prints a Markdown table. Arguments (all optional):
 * {@code <wedding|corporate> <sizes, comma-separated> <budgets in ms, comma-separated> <seed>}.
 */
public final class SeatingBenchmark {

    private SeatingBenchmark() {
    }

    public static void main(String[] args) {
        var kind = InstanceGenerator.Kind.valueOf((args.length > 0 ? args[0] : "wedding").toUpperCase(Locale.ROOT));
        List<Integer> sizes = args.length > 1 ? parse(args[1]).stream().map(Long::intValue).toList() : InstanceGenerator.SIZES;
        List<Long> budgets = args.length > 2 ? parse(args[2]) : List.of(1_000L, 5_000L);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        System.out.println("| guests | budget | engine | feasible | score | ours/Timefold | first feasible ms | peak heap MiB |");
        System.out.println("|---:|---:|---|---|---:|---:|---:|---:|");
        for (int size : sizes) {
            SeatingProblem problem = InstanceGenerator.generate(kind, size, seed);
            for (long budget : budgets) {
                Row ours = measure(problem, () -> ours(problem, SolveOptions.timed(budget, seed)));
                Row timefold = measure(problem, () -> TimefoldSeating.solve(problem, budget, seed));
                Row greedy = measure(problem, () -> ours(problem, new SolveOptions(budget, seed, 0)));
                String ratio = ours.feasible && timefold.feasible && timefold.score != 0
                        ? String.format(Locale.ROOT, "%.3f", (double) ours.score / timefold.score) : "n/a";
                print(size, budget, "ours", ours, ratio);
                print(size, budget, "Timefold 1.30.0", timefold, "");
                print(size, budget, "greedy", greedy, "");
                System.out.println("| " + size + " | " + budget + " ms | ours, re-plan after 5 % declined + household of 4 | "
                        + replan(problem, budget, seed) + " | | | | |");
            }
        }
    }

    private static Outcome ours(SeatingProblem problem, SolveOptions options) {
        return switch (SeatingEngine.solve(problem, options)) {
            case SeatingResult.Solved s -> new Outcome(s.assignments(), s.firstFeasibleMs());
            case SeatingResult.Infeasible i -> new Outcome(Map.of(), -1);
        };
    }

    /** Solves, applies the late changes to that plan, and re-plans with it as {@code current}, each within the budget. */
    private static String replan(SeatingProblem problem, long budget, long seed) {
        var first = (SeatingResult.Solved) SeatingEngine.solve(problem, SolveOptions.timed(budget, seed));
        SeatingProblem changed = InstanceGenerator.lateChanges(problem, first.assignments(), seed);
        var again = (SeatingResult.Solved) SeatingEngine.solve(changed, SolveOptions.timed(budget, seed));
        int moved = CanonicalScore.movedGuests(changed, again.assignments());
        return String.format(Locale.ROOT, "%d of %d guests moved (%.1f per 100)", moved, changed.guests().size(),
                100.0 * moved / changed.guests().size());
    }

    private record Row(boolean feasible, long score, long firstFeasibleMs, long peakHeapMiB) {
    }

    private static Row measure(SeatingProblem problem, java.util.function.Supplier<Outcome> run) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Outcome outcome = run.get();
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
        boolean feasible = outcome.assignments().size() == problem.guests().size()
                && HardRules.violations(problem, outcome.assignments()).isEmpty();
        long score = feasible ? CanonicalScore.of(problem, outcome.assignments()).score() : 0;
        return new Row(feasible, score, outcome.firstFeasibleMs(), peak);
    }

    private static void print(int size, long budget, String engine, Row row, String ratio) {
        System.out.printf(Locale.ROOT, "| %d | %d ms | %s | %s | %s | %s | %s | %d |%n", size, budget, engine,
                row.feasible ? "yes" : "no", row.feasible ? Long.toString(row.score) : "–", ratio,
                row.firstFeasibleMs >= 0 ? Long.toString(row.firstFeasibleMs) : "never", row.peakHeapMiB);
    }

    private static List<Long> parse(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Long::parseLong).toList();
    }
}
