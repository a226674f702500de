package io.seatpilot.core.ratelimit;

/** The shared counter of one subject's requests in one window, as every instance of a function sees it. */
public interface RateLimitStore {

    /**
     * Takes {@code tokens} from the window's budget of {@code limit} when that many are left; answers false (and
     * takes nothing) otherwise.
     */
    boolean take(String tenantId, String counter, long windowStartMillis, int tokens, int limit, long expiresAtEpochSeconds);

    /** How many tokens the window's budget has given out so far (0 when nothing was taken). */
    default int used(String tenantId, String counter, long windowStartMillis) {
        return 0;
    }
}
