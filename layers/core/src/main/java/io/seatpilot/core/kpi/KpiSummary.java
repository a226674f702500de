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
                Percentiles.of(window.doorToSeat()), window.checkins(), window.tableArrivals(), autoAssignPercent(window), staleness);
    }

    /** SPEC §10: auto ÷ (auto + manual), as a percentage; absent while no seat was assigned in the window. */
    private static Double autoAssignPercent(KpiWindow window) {
        long assigned = window.autoAssigned() + window.manualAssigned();
        return assigned == 0 ? null : 100.0 * window.autoAssigned() / assigned;
    }
}
