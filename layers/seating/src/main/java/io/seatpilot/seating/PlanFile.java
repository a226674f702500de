package io.seatpilot.seating;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The plan file of SPEC §8 ({@code schemas/seating-plan.schema.json}), as the API answers and the CLI writes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanFile(boolean feasible, Long score,
                       @JsonProperty("score_breakdown") ScoreBreakdown scoreBreakdown,
                       Map<String, String> assignments, List<String> violations,
                       Map<String, List<String>> explanations, PlanSummary summary,
                       @JsonProperty("infeasible_reasons") List<String> infeasibleReasons) {

    /**
     * The plan file of a plan made elsewhere (a planner's manual moves), scored and explained like a solved one.
     *
     * @throws IllegalArgumentException when the plan breaks a hard rule
     */
    public static PlanFile of(SeatingProblem problem, Map<String, String> assignments) {
        List<String> violations = HardRules.violations(problem, assignments);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", violations));
        }
        ScoreBreakdown score = CanonicalScore.of(problem, assignments);
        return new PlanFile(true, score.score(), score, Map.copyOf(assignments), List.of(),
                Explanations.of(problem, assignments), Explanations.summary(problem, assignments), null);
    }

    /**
     * A plan changed on the day (walk-ins, re-seats) from one that may already break rules (a guest tagged pmr
     * after it was published): scored and explained, its remaining violations listed instead of refused.
     */
    public static PlanFile changed(SeatingProblem problem, Map<String, String> assignments) {
        List<String> violations = HardRules.violations(problem, assignments);
        ScoreBreakdown score = CanonicalScore.of(problem, assignments);
        return new PlanFile(violations.isEmpty(), score.score(), score, Map.copyOf(assignments), violations,
                Explanations.of(problem, assignments), Explanations.summary(problem, assignments), null);
    }

    public static PlanFile of(SeatingResult result) {
        return switch (result) {
            case SeatingResult.Solved s -> new PlanFile(true, s.score().score(), s.score(), s.assignments(), List.of(),
                    s.explanations(), s.summary(), null);
            case SeatingResult.Infeasible i -> new PlanFile(false, null, null, null, null, null, null, i.reasons());
        };
    }
}
