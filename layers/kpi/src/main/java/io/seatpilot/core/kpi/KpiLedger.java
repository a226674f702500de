package io.seatpilot.core.kpi;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the KPI rollup keeps: the facts each stream batch brought, filed by event and minute; which events have
 * minutes not rolled up yet; and the rolled-up windows (sketches and counts) per minute and hour.
 */
public interface KpiLedger {

    /**
     * Files one stream batch's facts of one event. The page id names the batch, so a retried batch rewrites its own
     * pages; a fact stored twice (a batch split differently on retry) is read once by {@link #facts}.
     */
    void putPages(String tenant, String event, String pageId, Collection<KpiFact> facts);

    /** Facts of the event's partition whose minute lies in {@code [fromMs, toMs)}, each once. */
    Collection<KpiFact> facts(String tenant, String event, FactPartition partition, long fromMs, long toMs);

    /** Notes that these minutes of the event have new facts; each note moves the event's version on. */
    void markDirty(String tenant, String event, Set<Long> minutes, long nowMs);

    /** Every event, of any tenant, with minutes not rolled up yet. */
    List<Dirty> dirtyEvents();

    /**
     * Forgets the minutes just rolled up, unless new facts arrived meanwhile (the version moved): then they stay for
     * the next run. @return true when they were forgotten
     */
    boolean clearDirty(Dirty dirty);

    void putWindows(String tenant, String event, Grain grain, Collection<KpiWindow> windows);

    /** Stored windows of the grain starting in {@code [fromMs, toMs)}, oldest first. */
    List<KpiWindow> windows(String tenant, String event, Grain grain, long fromMs, long toMs);

    /**
     * The two fact partitions of an event: check-ins apart from the scan flow, because door→seat pairs look back
     * an hour for check-ins only, while scan pairs look back ten seconds.
     */
    enum FactPartition {
        CHECKINS, FLOW;

        static FactPartition of(KpiFact fact) {
            return fact.kind() == KpiFact.Kind.CHECKIN_SUCCESS ? CHECKINS : FLOW;
        }
    }

    /** How long a stored window is. */
    enum Grain {
        MINUTE(Duration.ofMinutes(1)), HOUR(Duration.ofHours(1));

        private final long millis;

        Grain(Duration length) {
            this.millis = length.toMillis();
        }

        public long millis() {
            return millis;
        }

        public long start(long tsMs) {
            return Math.floorDiv(tsMs, millis) * millis;
        }
    }

    /** An event whose facts changed since its last rollup: which minutes, and the version that said so. */
    record Dirty(String tenant, String event, Set<Long> minutes, long version) {
    }
}
