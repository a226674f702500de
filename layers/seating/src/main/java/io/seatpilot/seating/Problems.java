package io.seatpilot.seating;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Look-ups over a problem file shared by the checker, the engine and the explanations. */
public final class Problems {

    private Problems() {
    }

    public static Map<String, Table> tablesById(SeatingProblem problem) {
        return problem.tables().stream().collect(Collectors.toMap(Table::id, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    /** Households in order of first appearance; a guest without a household is a household of one. */
    public static Map<String, List<Guest>> households(SeatingProblem problem) {
        Map<String, List<Guest>> households = new LinkedHashMap<>();
        for (Guest g : problem.guests()) {
            households.computeIfAbsent(g.householdKey(), k -> new ArrayList<>()).add(g);
        }
        return households;
    }

    public static int largestCapacity(SeatingProblem problem) {
        return problem.tables().stream().mapToInt(Table::capacity).max().orElse(0);
    }

    /** The fewest tables a household of {@code size} can be split across: the largest tables, biggest first. */
    public static int fewestTables(SeatingProblem problem, int size) {
        int[] capacities = problem.tables().stream().mapToInt(Table::capacity).sorted().toArray();
        int seats = 0;
        for (int i = capacities.length - 1; i >= 0; i--) {
            seats += capacities[i];
            if (seats >= size) {
                return capacities.length - i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
