package io.seatpilot.core.ratelimit;

import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a subject's requests (a device key or a user) against a {@link RateLimit} and refuses the one over it
 * with {@code 429 rate_limited} and {@code Retry-After} (seconds to the next window). Tokens are leased from the
 * shared {@link RateLimitStore} a few at a time and spent locally, so the limit holds across instances while a
 * request mostly costs no write at all; at the end of a window's budget the lease shrinks to one token, so every
 * token of the budget can be used.
 */
public final class RateLimiter {

    private final RateLimitStore store;
    private final Clock clock;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    /** Tokens this instance holds for one subject in one window. */
    private record Lease(long windowStart, int remaining) {
    }

    public RateLimiter(RateLimitStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Spends one request of the caller's budget (its device key's, or the person's), or throws the 429. */
    public void acquire(RateLimit limit, Principal caller) {
        acquire(limit, caller.tenantId(), switch (caller) {
            case Principal.Device device -> "key:" + device.keyId();
            case Principal.User user -> "user:" + user.subject();
        });
    }

    /** Spends one request of {@code subject}'s budget, or throws the 429 the caller should answer. */
    public void acquire(RateLimit limit, String tenantId, String subject) {
        long now = clock.millis();
        long windowStart = limit.windowStart(now);
        String counter = limit.key() + "#" + subject;
        String leaseKey = tenantId + "#" + counter;
        Lease spent = leases.compute(leaseKey, (key, lease) -> lease != null && lease.windowStart() == windowStart
                && lease.remaining() > 0 ? new Lease(windowStart, lease.remaining() - 1) : null);
        if (spent != null) {
            return;
        }
        long expiresAt = (windowStart + limit.window().toMillis()) / 1000 + 60;
        for (int tokens = limit.lease(); tokens >= 1; tokens = tokens == 1 ? 0 : 1) {
            if (store.take(tenantId, counter, windowStart, tokens, limit.limit(), expiresAt)) {
                if (tokens > 1) {
                    leases.put(leaseKey, new Lease(windowStart, tokens - 1));
                }
                return;
            }
        }
        long retryAfter = Math.max(1, (windowStart + limit.window().toMillis() - now + 999) / 1000);
        throw new ApiException(Problem.of(Reason.RATE_LIMITED, "More than " + limit.limit() + " requests in "
                + limit.window().toSeconds() + " s; retry after " + retryAfter + " s").withRetryAfter(retryAfter));
    }
}
