package io.seatpilot.core.ratelimit;

import java.time.Duration;

/**
 * The contract's rate limits (SPEC §14), each per device key or per user, counted across every instance of the
 * function in fixed windows. {@code lease} is how many requests one instance may take at once from the shared
 * counter: the DynamoDB write is paid once per lease, not per request, at the price of an instance holding a
 * few tokens another instance cannot use within the same window. Door scans lease one at a time: a kiosk's
 * consecutive scans land on whichever instance is free, and with leases of two each instance that served it once
 * would keep a token, so a door could meet the 429 at its sixth scan in ten seconds. Ingest keeps its leases: an
 * upload refused early waits in the kiosk's outbox and goes up again by itself, and nobody stands waiting for it.
 */
public enum RateLimit {
    INGEST("ingest", 30, Duration.ofSeconds(10), 10),
    CHECKIN("checkin", 10, Duration.ofSeconds(10), 1),
    NAME_SEARCH("search", 5, Duration.ofSeconds(1), 1),
    WRONG_CODE("wrong-code", 10, Duration.ofMinutes(1), 1);

    private final String key;
    private final int limit;
    private final Duration window;
    private final int lease;

    RateLimit(String key, int limit, Duration window, int lease) {
        this.key = key;
        this.limit = limit;
        this.window = window;
        this.lease = lease;
    }

    public String key() {
        return key;
    }

    public int limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }

    public int lease() {
        return lease;
    }

    /** The start (epoch ms) of the window {@code nowMillis} falls in. */
    long windowStart(long nowMillis) {
        return nowMillis - Math.floorMod(nowMillis, window.toMillis());
    }
}
