package io.seatpilot.seating;

/** A planner's decision that {@code guest} sits at {@code table} (hard). */
public record Lock(String guest, String table) {
}
