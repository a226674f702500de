package io.seatpilot.core.ratelimit;

import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

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
    /** Leases taken beside a request's reads ({@link #acquireBeside}); virtual threads cost next to nothing. */
    private static final Executor LEASING = Executors.newVirtualThreadPerTaskExecutor();

    private static final int EXHAUSTED = -1;

    /**
     * Tokens this instance holds for one subject in one window ({@link #EXHAUSTED}: none left anywhere). {@code
     * spent} is set on the copy that just took one of them.
     */
    private record Lease(long windowStart, int remaining, boolean spent) {
        Lease(long windowStart, int remaining) {
            this(windowStart, remaining, false);
        }
    }

    public RateLimiter(RateLimitStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Spends one request of the caller's budget (its device key's, or the person's), or throws the 429. */
    public void acquire(RateLimit limit, Principal caller) {
        acquire(limit, caller.tenantId(), subject(caller));
    }

    /**
     * Refuses with the 429 when the caller's budget of {@code limit} is already spent in this window, without
     * spending anything: for limits that count only failures (wrong short codes), checked before the attempt so a
     * caller over the limit cannot try further, right or wrong. Costs one consistent read unless this instance
     * already saw the budget run out.
     */
    public void requireUnspent(RateLimit limit, Principal caller) {
        String tenantId = caller.tenantId();
        String subject = subject(caller);
        long now = clock.millis();
        long windowStart = limit.windowStart(now);
        String counter = limit.key() + "#" + subject;
        Lease held = leases.get(tenantId + "#" + counter);
        boolean exhausted = held != null && held.windowStart() == windowStart && held.remaining() == EXHAUSTED;
        if (exhausted || held == null || held.windowStart() != windowStart || held.remaining() <= 0) {
            if (exhausted || store.used(tenantId, counter, windowStart) >= limit.limit()) {
                throw refusal(limit, windowStart, now);
            }
        }
    }

    /**
     * Whether this instance already saw the caller's budget of {@code limit} run out in the current window: its next
     * request will be refused without asking the store, so a caller may skip reads it would start ahead of that.
     * Spends nothing, reads nothing.
     */
    public boolean knownSpent(RateLimit limit, Principal caller) {
        long windowStart = limit.windowStart(clock.millis());
        Lease held = leases.get(caller.tenantId() + "#" + limit.key() + "#" + subject(caller));
        return held != null && held.windowStart() == windowStart && held.remaining() == EXHAUSTED;
    }

    private static String subject(Principal caller) {
        return switch (caller) {
            case Principal.Device device -> "key:" + device.keyId();
            case Principal.User user -> "user:" + user.subject();
        };
    }

    /**
     * A spend of one request that may still be under way: {@link #await()} returns once it is made, or throws the
     * 429. Awaiting again answers the same.
     */
    @FunctionalInterface
    public interface Admission {
        void await();
    }

    private static final Admission ADMITTED = () -> { };

    /**
     * As {@link #acquire(RateLimit, Principal)}, but a spend this instance cannot settle from the tokens it holds —
     * it must lease from the shared store (a write) — runs beside the caller's work instead of before it: a
     * restored or idle instance's first request reads while it leases. The caller must {@link Admission#await()}
     * before writing or answering, refusals of its own included, so an over-limit request still answers 429 and
     * writes nothing. Its reads are what it risks: one request's, since a refused lease marks the window spent here,
     * and the next requests are refused before they read.
     */
    public Admission acquireBeside(RateLimit limit, Principal caller) {
        String tenantId = caller.tenantId();
        String subject = subject(caller);
        if (spendHeld(limit, tenantId, subject)) {
            return ADMITTED;
        }
        CompletableFuture<Void> leased = CompletableFuture.runAsync(() -> acquire(limit, tenantId, subject), LEASING);
        return () -> {
            try {
                leased.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        };
    }

    /**
     * Spends a token this instance holds for the window: true when it did, the 429 when this instance already saw
     * the window's budget run out, false when the store must be asked.
     */
    private boolean spendHeld(RateLimit limit, String tenantId, String subject) {
        long now = clock.millis();
        long windowStart = limit.windowStart(now);
        Lease held = leases.computeIfPresent(tenantId + "#" + limit.key() + "#" + subject, (key, lease) ->
                lease.windowStart() != windowStart ? null
                : lease.remaining() > 0 ? new Lease(windowStart, lease.remaining() - 1, true)
                : lease.remaining() == EXHAUSTED ? lease : null);
        if (held != null && held.remaining() < 0) {
            throw refusal(limit, windowStart, now);
        }
        return held != null && held.spent();
    }

    /** Spends one request of {@code subject}'s budget, or throws the 429 the caller should answer. */
    public void acquire(RateLimit limit, String tenantId, String subject) {
        if (spendHeld(limit, tenantId, subject)) {
            return;
        }
        long now = clock.millis();
        long windowStart = limit.windowStart(now);
        String counter = limit.key() + "#" + subject;
        String leaseKey = tenantId + "#" + counter;
        long expiresAt = (windowStart + limit.window().toMillis()) / 1000 + 60;
        for (int tokens = limit.lease(); tokens >= 1; tokens = tokens == 1 ? 0 : 1) {
            if (store.take(tenantId, counter, windowStart, tokens, limit.limit(), expiresAt)) {
                // concurrent requests may each have leased: keep every token, lose none to an overwrite
                leases.merge(leaseKey, new Lease(windowStart, tokens - 1), (mine, fresh) -> mine.windowStart() == windowStart
                        && mine.remaining() > 0 ? new Lease(windowStart, mine.remaining() + fresh.remaining()) : fresh);
                return;
            }
        }
        // the window's budget is gone for every instance: refuse the rest of the window without writing (unless a
        // concurrent request of this instance still holds tokens)
        Lease left = leases.merge(leaseKey, new Lease(windowStart, EXHAUSTED), (mine, exhausted) -> mine.windowStart() == windowStart
                && mine.remaining() > 0 ? mine : exhausted);
        if (left.remaining() > 0) {
            acquire(limit, tenantId, subject);
            return;
        }
        throw refusal(limit, windowStart, now);
    }

    private static ApiException refusal(RateLimit limit, long windowStart, long now) {
        long retryAfter = Math.max(1, (windowStart + limit.window().toMillis() - now + 999) / 1000);
        return new ApiException(Problem.of(Reason.RATE_LIMITED, "More than " + limit.limit() + " requests in "
                + limit.window().toSeconds() + " s; retry after " + retryAfter + " s").withRetryAfter(retryAfter));
    }
}
