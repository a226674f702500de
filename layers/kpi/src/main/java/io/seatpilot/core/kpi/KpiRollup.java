package io.seatpilot.core.kpi;

import io.seatpilot.core.kpi.KpiFact.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns the facts of one event into per-minute KPI windows (SPEC §10). A latency sample belongs to the minute
 * of the fact that ends it, so a minute, once past, never changes again however late the rollup runs, and each
 * sample lands in exactly one minute.
 *
 * <p>Pairs: UX = {@code ui_render_done − qr_scan_start} and TX = {@code checkin.success − qr_scan_start}, same
 * session, the latest scan start at most {@link #SCAN_PAIR_WINDOW} before; door→seat = {@code arrive_table −
 * checkin.success} at most {@link #SEAT_PAIR_WINDOW} before, found by the envelopes' {@code correlation.door_to_seat_id}
 * when the arrival carries one that a check-in carries too (the device said which check-in it ends), else of the
 * same guest, else (without a guest id) of the same session. For a guest scanned twice the earliest check-in
 * counts, as it does for the check-in itself.
 */
public final class KpiRollup {

    public static final Duration SCAN_PAIR_WINDOW = Duration.ofSeconds(10);
    public static final Duration SEAT_PAIR_WINDOW = Duration.ofMinutes(60);
    /** How far before a window the rollup must read facts so that every pair ending in it finds its start. */
    public static final Duration LOOKBACK = SEAT_PAIR_WINDOW;

    private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();

    private KpiRollup() {
    }

    /**
     * The non-empty minutes of {@code [fromMs, toMs)} (minute-aligned), from the facts of that range and of
     * {@link #LOOKBACK} before it. Facts outside are only used as pair starts.
     */
    public static List<KpiWindow> minutes(List<KpiFact> facts, long fromMs, long toMs) {
        Starts scans = new Starts(facts, Kind.QR_SCAN_START, KpiFact::sessionId);
        Starts checkinsBySession = new Starts(facts, Kind.CHECKIN_SUCCESS, KpiFact::sessionId);
        Starts checkinsByGuest = new Starts(facts, Kind.CHECKIN_SUCCESS, KpiFact::guestId);
        Starts checkinsByCorrelation = new Starts(facts, Kind.CHECKIN_SUCCESS, KpiFact::doorToSeatId);
        TreeMap<Long, Minute> minutes = new TreeMap<>();
        for (KpiFact fact : facts) {
            if (fact.tsMs() < fromMs || fact.tsMs() >= toMs) {
                continue;
            }
            Minute minute = minutes.computeIfAbsent(Math.floorDiv(fact.tsMs(), MINUTE_MS) * MINUTE_MS, Minute::new);
            minute.newest = Math.max(minute.newest, fact.tsMs());
            switch (fact.kind()) {
                case QR_SCAN_START -> {
                }
                case UI_RENDER_DONE -> scans.latestBefore(fact, SCAN_PAIR_WINDOW).ifPresent(start -> minute.ux.add(fact.tsMs() - start));
                case CHECKIN_SUCCESS -> {
                    scans.latestBefore(fact, SCAN_PAIR_WINDOW).ifPresent(start -> minute.tx.add(fact.tsMs() - start));
                    minute.checkins++;
                    if (KpiFacts.isScan(fact)) {
                        minute.successfulScans++;
                    }
                }
                case CHECKIN_ERROR -> minute.scanErrors++;
                case SEARCH_FOUND -> minute.searches++;
                case SEARCH_NOT_FOUND -> {
                    minute.searches++;
                    minute.searchesNotFound++;
                }
                case ARRIVE_TABLE -> {
                    OptionalLong correlated = checkinsByCorrelation.earliestWithin(fact, SEAT_PAIR_WINDOW);
                    OptionalLong checkedIn = correlated.isPresent() ? correlated : fact.guestId().isPresent()
                            ? checkinsByGuest.earliestWithin(fact, SEAT_PAIR_WINDOW)
                            : checkinsBySession.latestBefore(fact, SEAT_PAIR_WINDOW);
                    checkedIn.ifPresent(start -> minute.doorToSeat.add(fact.tsMs() - start));
                    minute.tableArrivals++;
                }
                case SEAT_ASSIGNED_AUTO -> minute.autoAssigned++;
                case SEAT_ASSIGNED_MANUAL -> minute.manualAssigned++;
            }
        }
        return minutes.values().stream().map(Minute::window).toList();
    }

    /** One minute being accumulated; only {@link KpiWindow}s leave this class. */
    private static final class Minute {

        private final long fromMs;
        private final LatencySketch ux = LatencySketch.empty();
        private final LatencySketch tx = LatencySketch.empty();
        private final LatencySketch doorToSeat = LatencySketch.empty();
        private long checkins;
        private long tableArrivals;
        private long autoAssigned;
        private long manualAssigned;
        private long successfulScans;
        private long scanErrors;
        private long searches;
        private long searchesNotFound;
        private long newest = Long.MIN_VALUE;

        Minute(long fromMs) {
            this.fromMs = fromMs;
        }

        KpiWindow window() {
            return new KpiWindow(fromMs, fromMs + MINUTE_MS, ux, tx, doorToSeat, checkins, tableArrivals, OptionalLong.of(newest),
                    autoAssigned, manualAssigned, successfulScans, scanErrors, searches, searchesNotFound);
        }
    }

    /** The times of one kind of fact, grouped by a key (session or guest) and sorted, for pair lookups. */
    private static final class Starts {

        private final Map<String, long[]> timesByKey = new HashMap<>();
        private final Function<KpiFact, Optional<String>> key;

        Starts(List<KpiFact> facts, Kind kind, Function<KpiFact, Optional<String>> key) {
            this.key = key;
            Map<String, List<Long>> grouped = new HashMap<>();
            for (KpiFact fact : facts) {
                if (fact.kind() == kind) {
                    key.apply(fact).ifPresent(k -> grouped.computeIfAbsent(k, x -> new ArrayList<>()).add(fact.tsMs()));
                }
            }
            grouped.forEach((k, times) -> timesByKey.put(k, times.stream().sorted(Comparator.naturalOrder())
                    .mapToLong(Long::longValue).toArray()));
        }

        /** The latest start at or before the fact, and no more than {@code window} before it. */
        OptionalLong latestBefore(KpiFact end, Duration window) {
            long[] times = times(end);
            int i = upperBound(times, end.tsMs()) - 1;
            return i >= 0 && end.tsMs() - times[i] <= window.toMillis() ? OptionalLong.of(times[i]) : OptionalLong.empty();
        }

        /** The earliest start no more than {@code window} before the fact (and not after it). */
        OptionalLong earliestWithin(KpiFact end, Duration window) {
            long[] times = times(end);
            int i = upperBound(times, end.tsMs() - window.toMillis() - 1);
            return i < times.length && times[i] <= end.tsMs() ? OptionalLong.of(times[i]) : OptionalLong.empty();
        }

        private long[] times(KpiFact end) {
            return key.apply(end).map(timesByKey::get).orElse(new long[0]);
        }

        /** Index of the first time greater than {@code t}. */
        private static int upperBound(long[] times, long t) {
            int low = 0;
            int high = times.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (times[mid] <= t) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }
}
