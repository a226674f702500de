package io.seatpilot.seating;

/** A planner's wish: positive weight = together, negative = apart (soft). */
public record Relation(String a, String b, int weight) {
}
