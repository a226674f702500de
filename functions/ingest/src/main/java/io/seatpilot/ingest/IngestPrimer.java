package io.seatpilot.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.devices.DeviceKeyStore;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.ratelimit.DynamoRateLimitStore;
import io.seatpilot.core.ratelimit.RateLimiter;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.signing.PrimingKiosk;
import io.seatpilot.core.telemetry.EnvelopeValidator;
import io.seatpilot.core.telemetry.EventSchemas;
import io.seatpilot.core.telemetry.IngestQueue;
import io.seatpilot.core.telemetry.IngestStatsStore;
import io.seatpilot.core.telemetry.QuarantineStore;
import io.seatpilot.core.telemetry.TelemetryIngestion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Ingest's first request, before the snapshot: one envelope signed by a made-up kiosk answered by the handler's own
 * route ({@link IngestHandler#accept}) over the parts the handler wires — the key record read and decoded by the
 * device key store, the secret derived through KMS, the nonce written with the rate-limit lease beside it, schema
 * validation, the queue message with SQS's MD5 of it checked — on {@link OfflineClients} whose HTTP client answers
 * each call itself ({@link #answer}), so nothing is sent; the handler's schemas are compiled whole; DynamoDB's client
 * path runs once more against a loopback answer ({@link DynamoDbPriming}); last the real handler refuses an unsigned
 * upload and an unknown route.
 */
record IngestPrimer(IngestHandler handler, Env env, EventSchemas schemas) implements Primer {

    private static final String TENANT = "priming";

    @Override
    public void prime() {
        Clock clock = Clock.systemUTC();
        String table = env.require("TABLE_NAME");
        var kiosk = new AtomicReference<PrimingKiosk>();
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder,
                (operation, request) -> "GetItem".equals(operation) ? kiosk.get().keyRecord() : "{}");
             KmsClient kms = OfflineClients.client(env, KmsClient::builder, PrimingKiosk.OFFLINE_ANSWER);
             SqsClient sqs = OfflineClients.client(env, SqsClient::builder, IngestPrimer::answer)) {
            // the handler's verifier: every upload's key record read through the store (SignedRequestVerifier)
            kiosk.set(PrimingKiosk.reading(new DeviceKeyStore(dynamo, table)::find, dynamo, kms, table, TENANT, Set.of(), clock));
            var ingestion = new TelemetryIngestion(new EnvelopeValidator(schemas),
                    new IngestQueue(sqs, env.require("INGEST_QUEUE_URL")), new QuarantineStore(dynamo, table),
                    new IngestStatsStore(dynamo, table), new Metrics("SeatPilot/Priming", "ingest"));

            String body = envelope(clock.millis());
            ApiRequest request = ApiRequest.from(Priming.request("POST", "/v1/events", kiosk.get().sign("POST", "/v1/events", body), body));
            ApiResponse answer = IngestHandler.accept(request, kiosk.get().verifier(),
                    new RateLimiter(new DynamoRateLimitStore(dynamo, table), clock), ingestion, clock);
            if (answer.status() != 202) {
                throw new IllegalStateException("The priming envelope was answered " + answer.status());
            }
            answer.toGatewayResponse(request.requestId());
        }
        // the handler's own schemas: networknt's halves, compiled on first need, are compiled into the snapshot
        schemas.compileAll();
        DynamoDbPriming.prime(env);
        Priming.routes(handler, "ingest", "POST /v1/events");
    }

    /** SQS's answer to the queue message: with the MD5 of its body, which the client checks as it would SQS's. */
    private static String answer(String operation, JsonNode request) {
        if (!"SendMessage".equals(operation)) {
            return "{}";
        }
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(request.path("MessageBody").asText().getBytes(StandardCharsets.UTF_8));
            return "{\"MessageId\":\"00000000-0000-4000-8000-000000000002\",\"MD5OfMessageBody\":\"" + HexFormat.of().formatHex(md5) + "\"}";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid envelope as a kiosk sends it (the kind the door sends most). */
    private static String envelope(long now) {
        return "{\"schema_version\":\"1.1.0\",\"event_id\":\"00000000-0000-4000-8000-000000000001\",\"tenant_id\":\"" + TENANT
                + "\",\"event_name\":\"checkin.qr_scan_start\",\"session_id\":\"s-priming\",\"ts_ms\":" + now
                + ",\"event_meta\":{\"app_channel\":\"kiosk\",\"platform\":\"kiosk\",\"app_version\":\"1.0.0\",\"sdk_version\":\"1.1.0\"},"
                + "\"payload\":{}}";
    }
}
