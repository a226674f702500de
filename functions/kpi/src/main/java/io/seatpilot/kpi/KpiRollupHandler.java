package io.seatpilot.kpi;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.kpi.KpiRollups;
import io.seatpilot.core.kpi.KpiWiring;
import io.seatpilot.core.kpi.KpiStore;
import io.seatpilot.core.kpi.KpiSummary;
import io.seatpilot.core.live.Publisher;
import io.seatpilot.core.observability.Logs;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.observability.SloMetrics;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The scheduled KPI rollup (SPEC §10, every minute): rolls up each event with new facts, pushes its {@code kpi}
 * message to Ops Live (so KPI messages are at most one per event per run, far under one a second) and publishes
 * the figures the template's alarms watch, in EMF.
 *
 * <p>EventBridge's scheduled event is taken as a plain map, of which nothing is read: as a {@code ScheduledEvent}
 * the runtime would parse its {@code time} with joda-time, which the deployable jar carries only a stub of
 * (functions/shrink.pro).
 */
public final class KpiRollupHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(KpiRollupHandler.class);

    private final KpiRollups rollups;
    private final Publisher publisher;
    private final Metrics metrics;

    public KpiRollupHandler() {
        this(System.getenv());
    }

    public KpiRollupHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        this.rollups = new KpiWiring(platform).rollups();
        this.publisher = Publisher.forStage(platform);
        this.metrics = platform.metrics();
        Priming.register(platform.hooks(), new KpiRollupPrimer(platform.env()));
    }

    /** One event's failure is logged and leaves it marked, so the others still roll up and it is retried next run. */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            int rolled = 0;
            int failed = 0;
            for (KpiStore.Dirty dirty : rollups.pending()) {
                Logs.tenant(dirty.tenant());
                Logs.event(dirty.event());
                try {
                    KpiRollups.Rolled result = rollups.rollUp(dirty);
                    rolled++;
                    alarmFigures(result);
                    push(result);
                } catch (RuntimeException e) {
                    failed++;
                    LOG.error("KPI rollup failed; the event stays marked for the next run", e);
                } finally {
                    Logs.clear();
                }
            }
            return Map.<String, Object>of("rolled_up", rolled, "failed", failed);
        });
    }

    /**
     * Check-in is as slow as its slower measure (UX or TX); each figure only when the window has samples, so an
     * event with no scans in the last five minutes publishes nothing rather than a perfect figure.
     */
    private void alarmFigures(KpiRollups.Rolled result) {
        KpiSummary lastFive = result.lastFive();
        Stream.of(lastFive.checkinUx(), lastFive.checkinTx()).map(KpiSummary.Percentiles::p95)
                .filter(java.util.Objects::nonNull).mapToLong(Long::longValue).max()
                .ifPresent(p95 -> metrics.milliseconds(SloMetrics.CHECKIN_LATENCY_P95, p95));
        if (lastFive.doorToSeat().p50() != null) {
            metrics.seconds(SloMetrics.DOOR_TO_SEAT_P50, lastFive.doorToSeat().p50() / 1000.0);
        }
        if (lastFive.doorToSeat().p95() != null) {
            metrics.seconds(SloMetrics.DOOR_TO_SEAT_P95, lastFive.doorToSeat().p95() / 1000.0);
        }
        if (lastFive.scannerSuccessPercent() != null) {
            metrics.percent(SloMetrics.SCANNER_SUCCESS, lastFive.scannerSuccessPercent());
        }
        if (result.recent().stalenessSeconds() != null) {
            metrics.seconds(SloMetrics.KPI_STALENESS, result.recent().stalenessSeconds());
        }
    }

    /** Ops Live is a view: a failed push is logged, never a failed rollup (the page's next snapshot catches up). */
    private void push(KpiRollups.Rolled result) {
        try {
            Publisher.Published published = publisher.publish(result.tenant(), result.event(), "kpi", result.message());
            LOG.info("rolled up {} minutes; kpi seq {} to {} connections", result.minutes(), published.seq(), published.delivered());
        } catch (RuntimeException e) {
            LOG.warn("rolled up {} minutes; pushing the kpi message failed", result.minutes(), e);
        }
    }
}
