package io.seatpilot.assign;

import io.seatpilot.seating.PlanFile;

/** A plan as stored: the plan file and its version, which every change must name (optimistic concurrency). */
record StoredPlan(long version, PlanFile plan) {
}
