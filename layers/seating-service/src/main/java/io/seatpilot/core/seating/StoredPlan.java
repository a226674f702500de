package io.seatpilot.core.seating;

import io.seatpilot.seating.PlanFile;
import java.util.Set;

/**
 * A plan as stored: the plan file, its version (which every planner's change must name: optimistic concurrency)
 * and the guests placed by hand — moved, re-seated, locked or walked in at a chosen table — rather than by the
 * engine, from which % auto-assign is computed (SPEC §10).
 */
public record StoredPlan(long version, PlanFile plan, Set<String> byHand) {

    public StoredPlan {
        byHand = Set.copyOf(byHand);
    }
}
