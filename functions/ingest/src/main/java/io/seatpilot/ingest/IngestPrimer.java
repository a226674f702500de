package io.seatpilot.ingest;

import io.seatpilot.core.signing.PrimingKiosk;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.ratelimit.DynamoRateLimitStore;
import io.seatpilot.core.ratelimit.RateLimit;
import io.seatpilot.core.ratelimit.RateLimiter;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.telemetry.EnvelopeValidator;
import io.seatpilot.core.telemetry.EventSchemas;
import io.seatpilot.core.telemetry.IngestOutcome;
import io.seatpilot.core.telemetry.IngestQueue;
import io.seatpilot.core.telemetry.IngestStatsStore;
import io.seatpilot.core.telemetry.QuarantineStore;
import io.seatpilot.core.telemetry.TelemetryIngestion;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Ingest's first request, before the snapshot: one envelope signed by a made-up kiosk goes through the same parts
 * the handler wires (signature checks with the secret derived through KMS, the nonce write, the rate limit, schema
 * validation, the queue message) built on {@link OfflineClients}, so every AWS call is marshalled and nothing is
 * sent; the handler's schemas are compiled whole; DynamoDB's client path runs once more against a loopback answer ({@link DynamoDbPriming}); last the real
 * handler refuses an unsigned upload and an unknown route.
 */
record IngestPrimer(IngestHandler handler, Env env, EventSchemas schemas) implements Primer {

    private static final String TENANT = "priming";

    @Override
    public void prime() {
        Clock clock = Clock.systemUTC();
        String table = env.require("TABLE_NAME");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder, PrimingKiosk.OFFLINE_ANSWER);
             KmsClient kms = OfflineClients.client(env, KmsClient::builder, PrimingKiosk.OFFLINE_ANSWER);
             // the canned answer cannot echo the MD5 of the message SQS would return
             SqsClient sqs = OfflineClients.client(env, () -> SqsClient.builder().checksumValidationEnabled(false),
                     PrimingKiosk.OFFLINE_ANSWER)) {
            var kiosk = PrimingKiosk.on(dynamo, kms, table, TENANT, Set.of(), clock);
            var ingestion = new TelemetryIngestion(new EnvelopeValidator(schemas),
                    new IngestQueue(sqs, env.require("INGEST_QUEUE_URL")), new QuarantineStore(dynamo, table),
                    new IngestStatsStore(dynamo, table), new Metrics("SeatPilot/Priming", "ingest"));

            String body = envelope(clock.millis());
            ApiRequest request = ApiRequest.from(Priming.request("POST", "/v1/events", kiosk.sign("POST", "/v1/events", body), body));
            var device = Callers.device(request, EnvelopeValidator.MAX_ENVELOPE_BYTES, kiosk.verifier(), Role.KIOSK);
            new RateLimiter(new DynamoRateLimitStore(dynamo, table), clock).acquire(RateLimit.INGEST, device);
            if (!(ingestion.ingest(device, request.body(), request.requestId(), clock.millis()) instanceof IngestOutcome.Accepted accepted)) {
                throw new IllegalStateException("The priming envelope was not accepted");
            }
            ApiResponse.json(202, Map.of("status", "accepted", "accepted", accepted.accepted())).toGatewayResponse(request.requestId());
        }
        // the handler's own schemas: networknt's halves, compiled on first need, are compiled into the snapshot
        schemas.compileAll();
        DynamoDbPriming.prime(env);
        Priming.routes(handler, "ingest", "POST /v1/events");
    }

    /** A valid envelope as a kiosk sends it (the kind the door sends most). */
    private static String envelope(long now) {
        return "{\"schema_version\":\"1.1.0\",\"event_id\":\"00000000-0000-4000-8000-000000000001\",\"tenant_id\":\"" + TENANT
                + "\",\"event_name\":\"checkin.qr_scan_start\",\"session_id\":\"s-priming\",\"ts_ms\":" + now
                + ",\"event_meta\":{\"app_channel\":\"kiosk\",\"platform\":\"kiosk\",\"app_version\":\"1.0.0\",\"sdk_version\":\"1.1.0\"},"
                + "\"payload\":{}}";
    }
}
