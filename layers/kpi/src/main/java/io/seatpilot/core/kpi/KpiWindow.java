package io.seatpilot.core.kpi;

import java.util.OptionalLong;

/**
 * The KPIs of one time window of one event: a minute as the rollup writes it, or any union of minutes (an hour,
 * the whole event) obtained by {@link #plus}. Latency windows hold sketches, so the union's percentiles are those
 * of all the samples, not an average of averages.
 *
 * @param checkins         door check-ins whose scan time falls in the window (arrivals at the door)
 * @param tableArrivals    guests who reached their table in the window
 * @param newestFactTsMs   the device time of the newest fact the window includes; staleness is measured from it
 * @param autoAssigned     seats assigned by the engine ({@code seating.seat_assigned}, mode auto)
 * @param manualAssigned   seats assigned by hand (mode manual)
 * @param successfulScans  {@code checkin.success} scans (a household's scan once, however many it let in)
 * @param scanErrors       the scanner's {@code checkin.error_*} events
 * @param searches         guest searches ({@code wayfinding.search_made} and {@code search_not_found})
 * @param searchesNotFound those that found nobody
 */
public record KpiWindow(long fromMs, long toMs, LatencySketch uxLatency, LatencySketch txLatency, LatencySketch doorToSeat,
                        long checkins, long tableArrivals, OptionalLong newestFactTsMs, long autoAssigned, long manualAssigned,
                        long successfulScans, long scanErrors, long searches, long searchesNotFound) {

    public static KpiWindow empty(long fromMs, long toMs) {
        return new KpiWindow(fromMs, toMs, LatencySketch.empty(), LatencySketch.empty(), LatencySketch.empty(), 0, 0,
                OptionalLong.empty(), 0, 0, 0, 0, 0, 0);
    }

    public KpiWindow plus(KpiWindow other) {
        return new KpiWindow(Math.min(fromMs, other.fromMs), Math.max(toMs, other.toMs),
                uxLatency.mergedWith(other.uxLatency), txLatency.mergedWith(other.txLatency),
                doorToSeat.mergedWith(other.doorToSeat), checkins + other.checkins, tableArrivals + other.tableArrivals,
                newest(newestFactTsMs, other.newestFactTsMs), autoAssigned + other.autoAssigned,
                manualAssigned + other.manualAssigned, successfulScans + other.successfulScans, scanErrors + other.scanErrors,
                searches + other.searches, searchesNotFound + other.searchesNotFound);
    }

    /** The same figures over {@code [fromMs, toMs)}: a merge of stored windows answers for the span asked. */
    public KpiWindow spanning(long fromMs, long toMs) {
        return new KpiWindow(fromMs, toMs, uxLatency, txLatency, doorToSeat, checkins, tableArrivals, newestFactTsMs,
                autoAssigned, manualAssigned, successfulScans, scanErrors, searches, searchesNotFound);
    }

    private static OptionalLong newest(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.getAsLong() >= b.getAsLong() ? a : b;
    }
}
