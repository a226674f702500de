package io.seatpilot.seating;

import java.util.Map;

/**
 * Computes the canonical score straight from a guest → table map, independent of any solver's internals, so that
 * every engine (ours, Timefold, greedy) is judged by the same number.
 */
public final class CanonicalScore {

    private CanonicalScore() {
    }

    public static ScoreBreakdown of(SeatingProblem problem, Map<String, String> assignments) {
        long together = 0;
        int unmetPositive = 0;
        int negativeTogether = 0;
        for (Relation r : problem.relations()) {
            String ta = assignments.get(r.a());
            boolean same = ta != null && ta.equals(assignments.get(r.b()));
            if (same) {
                together += r.weight();
                negativeTogether += r.weight() < 0 ? 1 : 0;
            } else if (r.weight() > 0) {
                unmetPositive++;
            }
        }
        Map<String, Table> tables = Problems.tablesById(problem);
        long vipGuests = problem.guests().stream()
                .filter(g -> g.vip() && tables.containsKey(assignments.get(g.id()))
                        && tables.get(assignments.get(g.id())).showcase())
                .count();
        int moved = movedGuests(problem, assignments);
        long vip = vipGuests * problem.weights().vip();
        long moves = (long) moved * problem.weights().move();
        return new ScoreBreakdown(together + vip - moves, together, vip, moves, moved, unmetPositive, negativeTogether);
    }

    /** Guests of the current plan that still attend and sit elsewhere now; new guests never count as moved. */
    public static int movedGuests(SeatingProblem problem, Map<String, String> assignments) {
        int moved = 0;
        for (Guest g : problem.guests()) {
            String before = problem.current().get(g.id());
            if (before != null && !before.equals(assignments.get(g.id()))) {
                moved++;
            }
        }
        return moved;
    }
}
