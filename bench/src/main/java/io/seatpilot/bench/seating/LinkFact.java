package io.seatpilot.bench.seating;

/**
 * The summed pair weight between two units, and whether some pair across them must be apart. Units are named by
 * id, not by reference, because Timefold clones entities but not facts.
 */
public record LinkFact(int a, int b, long weight, boolean mustApart) {
}
