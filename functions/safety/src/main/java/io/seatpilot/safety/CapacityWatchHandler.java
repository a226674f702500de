package io.seatpilot.safety;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.seatpilot.core.Services;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.event.EventKeys;
import io.seatpilot.core.observability.Logs;
import io.seatpilot.core.safety.CapacityWatch;
import io.seatpilot.core.safety.SafetyWiring;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Zone capacity from DataTable's stream: a batch's counter changes are gathered per event and each event is
 * evaluated once (against its summed counters), so a burst at the door costs one evaluation per batch, not one
 * per guest. A failed evaluation reports the event's first record of the batch; Lambda resends from there.
 */
public final class CapacityWatchHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(CapacityWatchHandler.class);

    private final BiConsumer<String, String> evaluate;

    public CapacityWatchHandler() {
        this(System.getenv());
    }

    public CapacityWatchHandler(Map<String, String> environment) {
        CapacityWatch watch = SafetyWiring.capacityWatch(new Services(new Env(environment), Clock.systemUTC()));
        this.evaluate = (tenant, event) -> {
            var raised = watch.evaluate(tenant, event);
            if (!raised.isEmpty()) {
                LOG.info("capacity raised {} alert(s)", raised.size());
            }
        };
    }

    /** With another evaluation (unit tests make it fail). */
    CapacityWatchHandler(BiConsumer<String, String> evaluate) {
        this.evaluate = evaluate;
    }

    record EventRef(String tenant, String event) {
        /** {@code T#<tenant>#EVENT#<event>#COUNTERS}: the partition check-in's counter shards live in. */
        static Optional<EventRef> of(DynamodbEvent.DynamodbStreamRecord record) {
            var keys = record.getDynamodb() == null ? null : record.getDynamodb().getKeys();
            var pk = keys == null ? null : keys.get("pk");
            String[] parts = pk == null || pk.getS() == null ? new String[0] : pk.getS().split("#", -1);
            return parts.length == 5 && parts[0].equals("T") && parts[2].equals("EVENT") && parts[4].equals(EventKeys.COUNTERS)
                    ? Optional.of(new EventRef(parts[1], parts[3])) : Optional.empty();
        }
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            Map<EventRef, String> firstSequence = new LinkedHashMap<>();
            for (var record : event.getRecords()) {
                EventRef.of(record).ifPresent(ref -> firstSequence.putIfAbsent(ref, record.getDynamodb().getSequenceNumber()));
            }
            for (var entry : firstSequence.entrySet()) {
                try {
                    Logs.tenant(entry.getKey().tenant());
                    Logs.eventId(entry.getKey().event());
                    evaluate.accept(entry.getKey().tenant(), entry.getKey().event());
                } catch (RuntimeException e) {
                    LOG.error("capacity evaluation failed; the batch is retried from its record", e);
                    return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(entry.getValue())));
                } finally {
                    Logs.clear();
                }
            }
            return new StreamsEventResponse(List.of());
        });
    }
}
