package io.seatpilot.seating;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/** The one seating engine behind the assign API, the command line and the benchmark. */
public final class SeatingEngine {

    private SeatingEngine() {
    }

    /**
     * Solves within {@code options}. The answer is either a plan checked against every hard rule or the reasons no
     * plan exists.
     *
     * @throws InvalidProblemException when the problem names unknown or duplicate ids
     */
    public static SeatingResult solve(SeatingProblem problem, SolveOptions options) {
        long start = System.nanoTime();
        long deadline = start + options.timeLimitMs() * 1_000_000;
        return switch (Model.compile(problem)) {
            case Model.Compilation.Blocked blocked -> new SeatingResult.Infeasible(blocked.reasons());
            case Model.Compilation.Ready ready -> search(ready.model(), options, start, deadline);
        };
    }

    /**
     * The groups of guests the engine always seats at one table (households, or the fewest-tables parts of a
     * household too large for any table), so another solver can be given the same model; empty when the problem
     * is infeasible before any search.
     */
    public static Optional<List<List<String>>> togetherGroups(SeatingProblem problem) {
        return switch (Model.compile(problem)) {
            case Model.Compilation.Blocked blocked -> Optional.empty();
            case Model.Compilation.Ready ready -> Optional.of(Arrays.stream(ready.model().members)
                    .map(unit -> Arrays.stream(unit).mapToObj(g -> ready.model().guestIds[g]).toList()).toList());
        };
    }

    /**
     * Seats the guests of {@code problem} that {@code fixed} does not seat, without moving anyone it does: each new
     * household together at the allowed table where it adds most to the score (SPEC §17 walk-ins). Deterministic.
     * The caller checks the whole plan with {@link HardRules#check} when {@code fixed} itself may break rules.
     */
    public static Placement placeNew(SeatingProblem problem, Map<String, String> fixed) {
        return new IncrementalPlacement(problem, fixed).place();
    }

    private static SeatingResult search(Model m, SolveOptions options, long start, long deadline) {
        SplittableRandom random = new SplittableRandom(options.seed());
        Seating seating = new Seating(m);
        List<Integer> unplaced = new Construction(seating, random, deadline).build();
        if (!unplaced.isEmpty()) {
            return new SeatingResult.Infeasible(unplacedReasons(m, unplaced));
        }
        long firstFeasibleMs = (System.nanoTime() - start) / 1_000_000;
        LocalSearch search = new LocalSearch(seating, random);
        search.run(deadline, options.maxIterations());
        Map<String, String> assignments = assignments(m, seating);
        List<String> broken = HardRules.violations(m.problem, assignments);
        if (!broken.isEmpty()) {
            throw new IllegalStateException("engine produced a plan breaking hard rules: " + broken);
        }
        return new SeatingResult.Solved(assignments, CanonicalScore.of(m.problem, assignments),
                Explanations.of(m.problem, assignments), Explanations.summary(m.problem, assignments),
                firstFeasibleMs, search.iterations());
    }

    private static Map<String, String> assignments(Model m, Seating seating) {
        String[] tableOfGuest = new String[m.guestIds.length];
        for (int u = 0; u < m.units(); u++) {
            for (int g : m.members[u]) {
                tableOfGuest[g] = m.tableIds[seating.tableOf[u]];
            }
        }
        Map<String, String> assignments = new LinkedHashMap<>();
        for (int g = 0; g < tableOfGuest.length; g++) {
            assignments.put(m.guestIds[g], tableOfGuest[g]);
        }
        return assignments;
    }

    /**
     * The necessary conditions held but no plan was found in time: name the guests that could not be placed and
     * what constrains them, without claiming that no plan exists.
     */
    private static List<String> unplacedReasons(Model m, List<Integer> unplaced) {
        return unplaced.stream().sorted().map(u -> {
            String guests = Arrays.stream(m.members[u]).mapToObj(g -> m.guestIds[g]).collect(Collectors.joining(", "));
            StringBuilder why = new StringBuilder("no plan found within the time limit that seats ")
                    .append(guests).append(" (").append(m.size[u]).append(" seats together");
            if (m.needsAccessible[u]) {
                why.append(", accessible table needed");
            }
            if (m.apart[u].length > 0) {
                why.append(", must be apart from the households of ").append(Arrays.stream(m.apart[u])
                        .mapToObj(v -> m.guestIds[m.members[v][0]]).collect(Collectors.joining(", ")));
            }
            return why.append("); the tables are too full or too constrained for them").toString();
        }).toList();
    }
}
