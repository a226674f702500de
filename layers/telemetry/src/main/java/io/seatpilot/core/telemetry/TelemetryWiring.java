package io.seatpilot.core.telemetry;

import io.seatpilot.core.devices.DeviceWiring;
import io.seatpilot.core.snapstart.RestoreCalls;
import io.seatpilot.core.wiring.Lazy;
import io.seatpilot.core.wiring.Platform;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The telemetry slice of a function: envelope checks, the ingest queue, raw events, quarantine, ingest counts. */
public final class TelemetryWiring {

    private final Platform platform;
    private final DeviceWiring devices;
    private final Lazy<SqsClient> sqs;
    private final Lazy<EventSchemas> schemas;

    public TelemetryWiring(Platform platform, DeviceWiring devices) {
        this.platform = platform;
        this.devices = devices;
        this.sqs = new Lazy<>(() -> sqs(platform));
        this.schemas = new Lazy<>(EventSchemas::new);
    }

    /** The function's SQS client (shared with every other slice of the function that calls SQS). */
    public static SqsClient sqs(Platform platform) {
        return platform.clients().client("SQS", SqsClient.class, SqsClient::builder);
    }

    /**
     * Starts building what verifying and validating a signed upload needs — the three AWS clients and the
     * event schemas (the catalogue and the envelope's checks; a payload's are compiled on first need) — side by
     * side, so that a cold start waits for the slowest of them rather than for their sum. Each is still built once;
     * the handler's first use waits for it.
     */
    public void prefetchSignedIngest() {
        platform.prefetchDynamo();
        devices.prefetch();
        sqs.prefetch();
        schemas.prefetch();
    }

    /** Adds SQS to the function's restore calls: the ingest queue's ARN, read and thrown away. */
    public void restoreCall(RestoreCalls calls) {
        calls.add("sqs", () -> sqs.get().getQueueAttributes(b -> b.queueUrl(platform.env().require("INGEST_QUEUE_URL"))
                .attributeNames(QueueAttributeName.QUEUE_ARN)));
    }

    /** The function's compiled event schemas (one set, shared by its ingestion and its primer). */
    public EventSchemas eventSchemas() {
        return schemas.get();
    }

    public EventStore eventStore() {
        return new EventStore(platform.dynamo(), platform.table());
    }

    public QuarantineStore quarantine() {
        return new QuarantineStore(platform.dynamo(), platform.table());
    }

    public IngestStatsStore ingestStats() {
        return new IngestStatsStore(platform.dynamo(), platform.table());
    }

    public TelemetryIngestion telemetryIngestion() {
        return new TelemetryIngestion(new EnvelopeValidator(schemas.get()),
                new IngestQueue(sqs.get(), platform.env().require("INGEST_QUEUE_URL")), quarantine(), ingestStats(),
                platform.metrics());
    }

    /** The worker's check of who sent a queued envelope. */
    public SenderScope senderScope() {
        return new SenderScope(devices.workerDeviceKeys()::find);
    }
}
