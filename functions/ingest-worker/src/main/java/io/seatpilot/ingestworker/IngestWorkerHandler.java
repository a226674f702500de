package io.seatpilot.ingestworker;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.devices.DeviceWiring;
import io.seatpilot.core.telemetry.TelemetryWiring;
import io.seatpilot.core.event.EventWiring;
import io.seatpilot.core.checkin.DoorWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.seatpilot.core.aws.SqsBatchItems;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.safety.SafetyProjection;
import io.seatpilot.core.safety.SafetyWiring;
import io.seatpilot.core.observability.Logs;
import io.seatpilot.core.telemetry.IngestMessage;
import io.seatpilot.core.telemetry.IngestMessageProcessor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the ingest queue. Each message is processed on its own and only failed ones are reported back
 * ({@code ReportBatchItemFailures}), so one bad message never makes the good ones of its batch run again;
 * a message that keeps failing reaches the dead-letter queue after the queue's receive limit.
 */
public final class IngestWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(IngestWorkerHandler.class);

    private final IngestMessageProcessor processor;

    public IngestWorkerHandler() {
        this(System.getenv());
    }

    public IngestWorkerHandler(Map<String, String> environment) {
        this(new Platform(new Env(environment), Clock.systemUTC()));
    }

    private IngestWorkerHandler(Platform platform) {
        this(platform, new SafetyWiring(new DoorWiring(new EventWiring(platform))));
    }

    private IngestWorkerHandler(Platform platform, SafetyWiring safety) {
        this(platform, List.of(safety.door().checkinProjection(),
                new SafetyProjection(safety.safety(), safety.incidents(), platform.metrics())));
    }

    /** Lets a caller add projections or wrap the processing (tests inject failures this way). */
    public IngestWorkerHandler(Platform platform, List<IngestMessageProcessor.Projection> projections) {
        TelemetryWiring telemetry = new TelemetryWiring(platform, new DeviceWiring(platform));
        this.processor = new IngestMessageProcessor(telemetry.senderScope(), telemetry.eventStore(), telemetry.quarantine(),
                telemetry.ingestStats(), projections, platform.metrics());
        Priming.register(platform.hooks(), new IngestWorkerPrimer(platform.env()));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatchItems.process(event, context, LOG, this::process);
    }

    private void process(SQSEvent.SQSMessage record) {
        IngestMessage message;
        try {
            message = Json.MAPPER.readValue(record.getBody(), IngestMessage.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable ingest message " + record.getMessageId(), e);
        }
        Logs.tenant(message.tenantId());
        Logs.requestId(message.requestId());
        var counts = processor.process(message);
        LOG.info("stored {} duplicates {} conflicts {}", counts.accepted(), counts.duplicates(), counts.rejectedTotal());
    }
}
