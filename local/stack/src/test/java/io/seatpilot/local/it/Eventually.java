package io.seatpilot.local.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits, boundedly, for an asynchronous effect (pollers and the worker run after the request was answered). */
public final class Eventually {

    private Eventually() {
    }

    /** Probes until {@code done} holds for the probed value, and returns that value. */
    public static <T> T await(Duration limit, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + limit + "; last value: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }

    public static void until(Duration limit, String what, BooleanSupplier done) {
        try {
            await(limit, done::getAsBoolean, Boolean::booleanValue);
        } catch (AssertionError e) {
            throw new AssertionError("Not within " + limit + ": " + what, e);
        }
    }
}
