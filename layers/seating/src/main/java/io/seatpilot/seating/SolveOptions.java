package io.seatpilot.seating;

/**
 * How long and how a solve runs. With the same seed and an iteration budget that ends before the time limit,
 * two solves of one problem give the same plan; a solve cut by its time limit depends on the machine's speed.
 * {@code maxIterations = 0} stops after the construction (the greedy baseline).
 */
public record SolveOptions(long timeLimitMs, long seed, long maxIterations) {

    public static final long DEFAULT_TIME_LIMIT_MS = 2_000;

    public SolveOptions {
        if (timeLimitMs <= 0 || maxIterations < 0) {
            throw new IllegalArgumentException("time limit must be positive and iterations not negative");
        }
    }

    public static SolveOptions timed(long timeLimitMs, long seed) {
        return new SolveOptions(timeLimitMs, seed, Long.MAX_VALUE);
    }

    public static SolveOptions greedy(long timeLimitMs) {
        return new SolveOptions(timeLimitMs, 0, 0);
    }
}
