package io.seatpilot.core.http;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * A client's {@code [from, to)} read range (SPEC §14), checked before any work: both ends are epoch milliseconds the
 * stores can key, {@code from ≤ to}, and the span is bounded. Every check is made on values that cannot overflow, so
 * no range reaches a loop or a query it could break. Refusals are {@code 422 validation_failed} naming the field.
 */
public record TimeRange(long from, long to) {

    /**
     * The largest time a range may name: stores key times as 13 zero-padded digits ({@code %013d}), which order
     * as numbers only from 0 to this (the year 2286).
     */
    public static final long MAX_EPOCH_MS = 9_999_999_999_999L;

    public long span() {
        return to - from;
    }

    /**
     * The range asked for, with defaults for the ends not given: {@code defaultFrom} sees the validated end, and a
     * default start never makes the span longer than {@code maxSpan}. A longer span asked for is refused on
     * {@code from}, the end a reader moves to shorten it.
     */
    public static TimeRange of(Optional<Long> from, Optional<Long> to, long defaultTo, LongUnaryOperator defaultFrom,
                               Duration maxSpan) {
        from.ifPresent(given -> epoch("from", given));
        long end = epoch("to", to.orElse(defaultTo));
        long start = from.orElseGet(() -> Math.max(Math.max(0, end - maxSpan.toMillis()), defaultFrom.applyAsLong(end)));
        if (start > end) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "from", "from must not be after to");
        }
        if (end - start > maxSpan.toMillis()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "from",
                    "from and to may be at most " + maxSpan.toDays() + " days apart");
        }
        return new TimeRange(start, end);
    }

    private static long epoch(String field, long value) {
        // before any arithmetic on the ends: both within [0, MAX_EPOCH_MS], their difference cannot overflow
        if (value < 0 || value > MAX_EPOCH_MS) {
            throw ApiException.field(Reason.VALIDATION_FAILED, field, field + " must be epoch milliseconds from 0 to " + MAX_EPOCH_MS);
        }
        return value;
    }
}
