package io.seatpilot.bench.seating;

import java.util.Map;

/**
 * What one engine produced within its budget: a guest → table map (possibly incomplete or breaking rules; the
 * benchmark judges it with the engine-independent checker) and when its first hard-feasible plan appeared
 * ({@code -1}: never).
 */
record Outcome(Map<String, String> assignments, long firstFeasibleMs) {
}
