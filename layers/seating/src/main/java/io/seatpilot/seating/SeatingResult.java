package io.seatpilot.seating;

import java.util.List;
import java.util.Map;

/** What a solve ends with: a plan that breaks no hard rule, or the constraints that block every plan. */
public sealed interface SeatingResult permits SeatingResult.Solved, SeatingResult.Infeasible {

    /** @param firstFeasibleMs time from the start of the solve to the first complete, hard-feasible plan */
    record Solved(Map<String, String> assignments, ScoreBreakdown score, Map<String, List<String>> explanations,
                  PlanSummary summary, long firstFeasibleMs, long iterations) implements SeatingResult {
    }

    record Infeasible(List<String> reasons) implements SeatingResult {
    }
}
