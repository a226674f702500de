package io.seatpilot.core.telemetry;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;

import io.seatpilot.core.telemetry.EventStore;
import java.time.Duration;

/**
 * Times a client sends ({@code ts_ms}, {@code scanned_at}, {@code arrived_at}) are facts about the client, never
 * trusted over the server's clock (SPEC §14). A time is plausible from {@link #MAX_AGE} before the server's time to
 * {@link #MAX_AHEAD} after it: later is a wrong clock, and earlier predates anything the platform still keeps. What
 * orders or times reports against each other (newest exit report, the undo window) uses the server's clock.
 */
public final class ClientTimes {

    /** The skew a signed request is allowed (SPEC §4): a device clock may run this far ahead, no further. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    /** Raw events are kept 90 days (SPEC §5): an older fact would be stored already expired. */
    public static final Duration MAX_AGE = EventStore.RETENTION;

    private ClientTimes() {
    }

    public static boolean plausible(long clientMs, long serverMs) {
        return clientMs >= serverMs - MAX_AGE.toMillis() && clientMs <= serverMs + MAX_AHEAD.toMillis();
    }

    /** The client's time, or {@code 422 validation_failed} on {@code field} when it is not plausible. */
    public static long require(String field, long clientMs, long serverMs) {
        if (!plausible(clientMs, serverMs)) {
            throw ApiException.field(Reason.VALIDATION_FAILED, field, field + " must be epoch milliseconds within "
                    + MAX_AGE.toDays() + " days before and " + MAX_AHEAD.toMinutes() + " minutes after the server's time");
        }
        return clientMs;
    }

    /**
     * An accepted report's time on the server's clock: the client's, but never after the server received the
     * report. An offline report keeps its real, earlier time; one stamped ahead counts from its receipt.
     */
    public static long received(long clientMs, long receivedMs) {
        return Math.min(clientMs, receivedMs);
    }
}
