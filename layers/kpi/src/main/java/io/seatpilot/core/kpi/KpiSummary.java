package io.seatpilot.core.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a reader of {@code GET …/kpis} and the Ops Live tiles see of a window: percentiles in whole milliseconds
 * (absent when the window has no sample, never 0), counts, and how old the newest included fact is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiSummary(@JsonProperty("from") long fromMs, @JsonProperty("to") long toMs,
                         @JsonProperty("checkin_ux_ms") Percentiles checkinUx,
                         @JsonProperty("checkin_tx_ms") Percentiles checkinTx,
                         @JsonProperty("door_to_seat_ms") Percentiles doorToSeat,
                         long checkins, @JsonProperty("table_arrivals") long tableArrivals,
                         @JsonProperty("auto_assign_pct") Double autoAssignPercent,
                         @JsonProperty("scanner_success_pct") Double scannerSuccessPercent,
                         @JsonProperty("search_not_found_pct") Double searchNotFoundPercent,
                         @JsonProperty("staleness_s") Long stalenessSeconds) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Percentiles(long count, Long p50, Long p95) {

        static Percentiles of(LatencySketch sketch) {
            return new Percentiles(sketch.count(), round(sketch, 0.50), round(sketch, 0.95));
        }

        private static Long round(LatencySketch sketch, double q) {
            var value = sketch.quantile(q);
            return value.isPresent() ? Math.round(value.getAsDouble()) : null;
        }
    }

    public static KpiSummary of(KpiWindow window, long nowMs) {
        Long staleness = window.newestFactTsMs().isPresent()
                ? Math.max(0, (nowMs - window.newestFactTsMs().getAsLong()) / 1000) : null;
        return new KpiSummary(window.fromMs(), window.toMs(), Percentiles.of(window.uxLatency()), Percentiles.of(window.txLatency()),
                Percentiles.of(window.doorToSeat()), window.checkins(), window.tableArrivals(), autoAssignPercent(window),
                percent(window.successfulScans(), window.successfulScans() + window.scanErrors()),
                percent(window.searchesNotFound(), window.searches()), staleness);
    }

    /** SPEC §10: auto ÷ (auto + manual), as a percentage; absent while no seat was assigned in the window. */
    private static Double autoAssignPercent(KpiWindow window) {
        return percent(window.autoAssigned(), window.autoAssigned() + window.manualAssigned());
    }

    /**
     * {@code part} of {@code whole} as a percentage; absent, never 0 or 100, when the window saw none. Scanner
     * success is successful scans ÷ (successful scans + {@code checkin.error_*}); search not-found is searches
     * that found nobody ÷ searches.
     */
    private static Double percent(long part, long whole) {
        return whole == 0 ? null : 100.0 * part / whole;
    }
}
