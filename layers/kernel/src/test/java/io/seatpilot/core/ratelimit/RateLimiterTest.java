package io.seatpilot.core.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.http.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The limits hold across instances sharing one store, and a lease costs one write for several requests. */
class RateLimiterTest {

    /** The store as DynamoDB behaves: one counter per subject and window, a conditional add. */
    private static final class CountingStore implements RateLimitStore {
        final Map<String, Integer> used = new HashMap<>();
        int writes;

        @Override
        public synchronized boolean take(String tenantId, String counter, long windowStartMillis, int tokens, int limit, long expiresAt) {
            writes++;
            String key = tenantId + "/" + counter + "/" + windowStartMillis;
            int now = used.getOrDefault(key, 0);
            if (now + tokens > limit) {
                return false;
            }
            used.put(key, now + tokens);
            return true;
        }
    }

    private static final Principal KIOSK = new Principal.Device("acme.k1", "door-1", "acme", Role.KIOSK, Set.of());

    private static Clock at(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    @Test
    void theThirtyFirstIngestInTenSecondsIsRefusedWithRetryAfter() {
        var store = new CountingStore();
        var limiter = new RateLimiter(store, at(1_000_003_000L));
        for (int i = 0; i < 30; i++) {
            limiter.acquire(RateLimit.INGEST, KIOSK);
        }
        var refused = assertThrows(ApiException.class, () -> limiter.acquire(RateLimit.INGEST, KIOSK));
        assertEquals(429, refused.problem().status());
        assertEquals("rate_limited", refused.problem().reason());
        assertEquals(7L, refused.problem().retryAfterSeconds(), "the window ends 7 s later");
        assertEquals(3 + 2, store.writes, "three leases of ten, then a refused lease of ten and of one");
        assertThrows(ApiException.class, () -> limiter.acquire(RateLimit.INGEST, KIOSK));
        assertEquals(5, store.writes, "the rest of an exhausted window is refused without writing");
    }

    @Test
    void aBudgetIsKnownSpentOnlyOnceThisInstanceSawItRunOutInThisWindow() {
        var store = new CountingStore();
        var clock = new java.util.concurrent.atomic.AtomicLong(1_000_003_000L);
        var limiter = new RateLimiter(store, new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(clock.get());
            }
        });
        for (int i = 0; i < 10; i++) {
            limiter.acquire(RateLimit.CHECKIN, KIOSK);
            assertFalse(limiter.knownSpent(RateLimit.CHECKIN, KIOSK), "tokens left or not yet asked for: " + i);
        }
        assertThrows(ApiException.class, () -> limiter.acquire(RateLimit.CHECKIN, KIOSK));
        int writes = store.writes;
        assertTrue(limiter.knownSpent(RateLimit.CHECKIN, KIOSK));
        assertFalse(limiter.knownSpent(RateLimit.INGEST, KIOSK), "another limit's budget");
        assertEquals(writes, store.writes, "asking spends and writes nothing");
        clock.addAndGet(10_000);
        assertFalse(limiter.knownSpent(RateLimit.CHECKIN, KIOSK), "a new window");
    }

    @Test
    void twoInstancesShareOneBudgetAndTheLastTokensAreUsable() {
        var store = new CountingStore();
        var clock = at(50_000L);
        var first = new RateLimiter(store, clock);
        var second = new RateLimiter(store, clock);
        int served = 0;
        for (int i = 0; i < 20; i++) {
            for (RateLimiter instance : new RateLimiter[] {first, second}) {
                try {
                    instance.acquire(RateLimit.CHECKIN, KIOSK);
                    served++;
                } catch (ApiException refused) {
                    assertEquals(429, refused.problem().status());
                }
            }
        }
        assertEquals(10, served);
    }

    @Test
    void aDoorWhoseScansLandOnAnotherInstanceEachTimeIsServedItsTenScans() {
        var store = new CountingStore();
        var clock = at(90_000L);
        for (int scan = 1; scan <= RateLimit.CHECKIN.limit(); scan++) {
            // a fresh instance per scan: none may keep a token the next one needs
            new RateLimiter(store, clock).acquire(RateLimit.CHECKIN, KIOSK);
        }
        var eleventh = assertThrows(ApiException.class, () -> new RateLimiter(store, clock).acquire(RateLimit.CHECKIN, KIOSK));
        assertEquals(429, eleventh.problem().status());
    }

    @Test
    void concurrentRequestsOfOneInstanceLoseNoLeasedToken() throws Exception {
        var store = new CountingStore();
        var limiter = new RateLimiter(store, at(70_000L));
        var served = new java.util.concurrent.atomic.AtomicInteger();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                pool.submit(() -> {
                    try {
                        limiter.acquire(RateLimit.CHECKIN, KIOSK);
                        served.incrementAndGet();
                    } catch (ApiException refused) {
                        // over the budget
                    }
                });
            }
        }
        assertEquals(10, served.get(), "every one of the window's ten tokens serves a request");
    }

    @Test
    void aNewWindowHasANewBudgetAndSubjectsDoNotShare() {
        var store = new CountingStore();
        long start = 10_000L;
        var limiter = new RateLimiter(store, at(start));
        for (int i = 0; i < 5; i++) {
            limiter.acquire(RateLimit.NAME_SEARCH, KIOSK);
        }
        assertThrows(ApiException.class, () -> limiter.acquire(RateLimit.NAME_SEARCH, KIOSK));
        new RateLimiter(store, at(start)).acquire(RateLimit.NAME_SEARCH,
                new Principal.User("someone", "acme", Set.of(Role.STAFF), Set.of()));
        new RateLimiter(store, at(start + 1_000)).acquire(RateLimit.NAME_SEARCH, KIOSK);
    }

    /** A store whose leases wait until the test lets them through, as a slow first write after a restore would. */
    private static final class HeldStore implements RateLimitStore {
        final CountingStore counts = new CountingStore();
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);

        @Override
        public boolean take(String tenantId, String counter, long windowStartMillis, int tokens, int limit, long expiresAt) {
            asked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return counts.take(tenantId, counter, windowStartMillis, tokens, limit, expiresAt);
        }
    }

    @Test
    void aLeaseTakenBesideTheWork_isTakenWhileTheCallerGoesOn_andAdmitsOnceTaken() throws Exception {
        var store = new HeldStore();
        var limiter = new RateLimiter(store, at(1_000_003_000L));
        // returns while the store has not answered: the caller reads meanwhile
        RateLimiter.Admission admitted = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> limiter.acquireBeside(RateLimit.INGEST, KIOSK));
        assertEquals(true, store.asked.await(5, java.util.concurrent.TimeUnit.SECONDS), "the lease is asked for at once");
        var waiting = java.util.concurrent.CompletableFuture.runAsync(admitted::await);
        Thread.sleep(50);
        assertEquals(false, waiting.isDone(), "admitted only once the lease is taken");
        store.release.countDown();
        waiting.get(5, java.util.concurrent.TimeUnit.SECONDS);
        admitted.await();
        assertEquals(1, store.counts.writes);
        // the lease's other tokens are this instance's: the next requests are admitted without the store
        for (int i = 1; i < RateLimit.INGEST.lease(); i++) {
            limiter.acquireBeside(RateLimit.INGEST, KIOSK).await();
        }
        assertEquals(1, store.counts.writes);
    }

    @Test
    void aRequestOverTheLimit_isRefusedWhenItAwaits_andTheNextBeforeItStarts() {
        var store = new CountingStore();
        var limiter = new RateLimiter(store, at(1_000_003_000L));
        for (int i = 0; i < RateLimit.CHECKIN.limit(); i++) {
            limiter.acquireBeside(RateLimit.CHECKIN, KIOSK).await();
        }
        RateLimiter.Admission over = limiter.acquireBeside(RateLimit.CHECKIN, KIOSK);
        var refused = assertThrows(ApiException.class, over::await);
        assertEquals("rate_limited", refused.problem().reason());
        assertEquals("rate_limited", assertThrows(ApiException.class, over::await).problem().reason(), "awaited again");
        int writes = store.writes;
        var next = assertThrows(ApiException.class, () -> limiter.acquireBeside(RateLimit.CHECKIN, KIOSK));
        assertEquals(429, next.problem().status());
        assertEquals(writes, store.writes, "the window is known spent here: refused without the store");
    }
}
