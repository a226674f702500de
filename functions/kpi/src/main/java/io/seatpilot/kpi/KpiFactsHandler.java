package io.seatpilot.kpi;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.kpi.KpiFacts;
import io.seatpilot.core.kpi.KpiRollups;
import io.seatpilot.core.kpi.KpiWiring;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Files KPI facts from DataTable's stream (SPEC §10): every raw event stored, by the ingest worker or by an online
 * check-in, passes here once, so the rollup never scans the raw events and ingest writes nothing extra for it.
 */
public final class KpiFactsHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(KpiFactsHandler.class);

    private final KpiRollups rollups;

    public KpiFactsHandler() {
        this(System.getenv());
    }

    public KpiFactsHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        this.rollups = new KpiWiring(platform).rollups();
        Priming.register(platform.hooks(), new KpiRollupPrimer(platform.env()));
    }

    /** Files the whole batch or none of it: its pages are named by its first record, so a retry rewrites them. */
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
            List<KpiFacts.Located> facts = records.stream().flatMap(record -> KpiFacts.of(record).stream()).toList();
            if (facts.isEmpty()) {
                return new StreamsEventResponse(List.of());
            }
            String firstSequence = records.getFirst().getDynamodb().getSequenceNumber();
            try {
                rollups.record(firstSequence, facts);
                LOG.info("filed {} KPI facts of {} stream records", facts.size(), records.size());
                return new StreamsEventResponse(List.of());
            } catch (RuntimeException e) {
                LOG.error("filing KPI facts failed; the batch will be retried", e);
                return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(firstSequence)));
            }
        });
    }
}
