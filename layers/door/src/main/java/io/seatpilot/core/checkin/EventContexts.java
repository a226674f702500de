package io.seatpilot.core.checkin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.seatpilot.core.store.Ids;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.TableLayout;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.seating.SeatingStore;
import io.seatpilot.core.snapstart.EmptiedAroundSnapshot;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads an event's context and keeps it per function instance for a short time: at the door the same event is
 * asked for thousands of times while its layout and plan change rarely, so a scan pays for the guest only.
 * Only events that exist are kept, so an event created a moment ago is found at once.
 *
 * <p>A re-seat or walk-in must reach the door within 2 s (SPEC §17), which a 30 s cache alone would hide: at most
 * once per {@link #PLAN_CHECK} per event, the instance reads the published plan's revision (projected out of its
 * item, {@code SeatingStore.PUBLISHED_REVISION}, which also holds the plan's seats) and loads the context again when it
 * moved. That costs one small read a second per busy instance, where shortening the cache to 1 s would read the
 * seats, the event and its tables as often.
 */
public final class EventContexts implements EventContextSource, EmptiedAroundSnapshot {

    public static final Duration TTL = Duration.ofSeconds(30);
    public static final Duration PLAN_CHECK = Duration.ofSeconds(1);
    /** Reads made side by side (SDK clients are thread-safe; virtual threads cost next to nothing). */
    private static final ExecutorService READS = Executors.newVirtualThreadPerTaskExecutor();

    private final EventSetupStore setup;
    private final SeatingStore plans;
    private final Cache<String, Cached> cache;
    /** Loads under way, so a read started ahead ({@link #prefetch}) is joined rather than made twice. */
    private final Map<String, CompletableFuture<Optional<EventContext>>> loading = new java.util.concurrent.ConcurrentHashMap<>();

    /** A context with the plan revision it was loaded at and when that was last confirmed (nanoTime). */
    private record Cached(EventContext context, long revision, java.util.concurrent.atomic.AtomicLong checkedAt) {
    }

    public EventContexts(EventSetupStore setup, SeatingStore plans) {
        this.setup = setup;
        this.plans = plans;
        this.cache = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(200).build();
    }

    /** The event's context, or {@code 404 not_found} (also for another tenant's event, which is never disclosed). */
    public EventContext require(String tenant, String eventId) {
        return context(tenant, eventId).orElseThrow(EventContexts::noSuchEvent);
    }

    @Override
    public Optional<EventContext> context(String tenant, String eventId) {
        if (!Ids.EVENT.matcher(eventId).matches()) {
            return Optional.empty();
        }
        Cached cached = cache.getIfPresent(tenant + "#" + eventId);
        if (cached != null) {
            long now = System.nanoTime();
            long checked = cached.checkedAt().get();
            if (now - checked < PLAN_CHECK.toNanos()) {
                return Optional.of(cached.context());
            }
            // one request per instance asks; the others go on with the context they have meanwhile
            if (!cached.checkedAt().compareAndSet(checked, now) || revision(tenant, eventId) == cached.revision()) {
                return Optional.of(cached.context());
            }
            return reload(tenant, eventId);
        }
        return load(tenant, eventId);
    }

    /**
     * Starts loading an event's context this instance does not hold, without waiting for it: the door asks for it
     * while its kiosk's secret is derived (a restored instance's first scan), so the scan's own read joins this one.
     * A failure is left for that read to meet (it loads again); a context held, or already loading, costs nothing.
     */
    public void prefetch(String tenant, String eventId) {
        String key = tenant + "#" + eventId;
        if (Ids.EVENT.matcher(eventId).matches() && cache.getIfPresent(key) == null && !loading.containsKey(key)) {
            READS.execute(() -> {
                try {
                    load(tenant, eventId);
                } catch (RuntimeException leftForTheScan) {
                    // the scan's own read loads again and meets the failure itself
                }
            });
        }
    }

    /**
     * A context not held: one load per event at a time, the others asking for it wait for that one — and load it
     * themselves if it failed, so each request meets the failure of its own read, as without the wait.
     */
    private Optional<EventContext> load(String tenant, String eventId) {
        String key = tenant + "#" + eventId;
        CompletableFuture<Optional<EventContext>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<EventContext>> under = loading.putIfAbsent(key, mine);
        if (under != null) {
            try {
                return join(under);
            } catch (RuntimeException failed) {
                return reload(tenant, eventId);
            }
        }
        try {
            Optional<EventContext> loaded = reload(tenant, eventId);
            mine.complete(loaded);
            return loaded;
        } catch (RuntimeException failed) {
            mine.completeExceptionally(failed);
            throw failed;
        } finally {
            loading.remove(key, mine);
        }
    }

    /**
     * The event's context read now, bypassing (and refreshing) the cache: for reads that must show the plan as it
     * is, such as the evacuation roll call, where a 30 s old table would send a steward to the wrong place.
     */
    public EventContext fresh(String tenant, String eventId) {
        if (!Ids.EVENT.matcher(eventId).matches()) {
            throw noSuchEvent();
        }
        return reload(tenant, eventId).orElseThrow(EventContexts::noSuchEvent);
    }

    /**
     * Three reads side by side: the published seats with their revision (one item), the event's definition, its
     * tables. A restored or idle instance pays this on its first scan of the event; the tables of an event that does
     * not exist are read for nothing, which a kiosk (bound to its event) never asks for.
     */
    private Optional<EventContext> reload(String tenant, String eventId) {
        CompletableFuture<SeatingStore.PublishedSeats> seats = CompletableFuture.supplyAsync(() -> plans.publishedSeats(tenant, eventId), READS);
        CompletableFuture<Map<String, TableLayout>> tables = CompletableFuture.supplyAsync(() -> setup.tables(tenant, eventId)
                .stream().collect(Collectors.toMap(TableLayout::id, Function.identity())), READS);
        Optional<EventDefinition> definition = setup.event(tenant, eventId);
        SeatingStore.PublishedSeats published = join(seats);
        Optional<EventContext> loaded = definition.map(found -> new EventContext(eventId, found, join(tables), published.assignments()));
        loaded.ifPresent(context -> cache.put(tenant + "#" + eventId,
                new Cached(context, published.revision(), new java.util.concurrent.atomic.AtomicLong(System.nanoTime()))));
        return loaded;
    }

    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static ApiException noSuchEvent() {
        return new ApiException(Reason.NOT_FOUND, "No such event");
    }

    private long revision(String tenant, String eventId) {
        // consistent, like the seats' read: a stale answer to either would keep an old plan for the cache's lifetime
        return plans.revision(tenant, eventId);
    }

    /** The TTL is counted on a clock a snapshot stops: a restored environment would serve a layout read at init. */
    @Override
    public Cache<?, ?> snapshotCache() {
        return cache;
    }
}
