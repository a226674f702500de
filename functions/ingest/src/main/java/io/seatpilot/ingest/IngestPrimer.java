package io.seatpilot.ingest;

import io.seatpilot.core.auth.Role;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.devices.DeviceKey;
import io.seatpilot.core.devices.DeviceKeyStore;
import io.seatpilot.core.devices.DeviceSecrets;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.ratelimit.DynamoRateLimitStore;
import io.seatpilot.core.ratelimit.RateLimit;
import io.seatpilot.core.ratelimit.RateLimiter;
import io.seatpilot.core.signing.NonceStore;
import io.seatpilot.core.signing.RequestSigner;
import io.seatpilot.core.signing.SignedRequestVerifier;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Ingest's first request, before the snapshot: one envelope signed by a made-up kiosk goes through the same parts
 * the handler wires (signature checks with the secret derived through KMS, the nonce write, the rate limit, schema
 * validation, the queue message) built on {@link OfflineClients}, so every AWS call is marshalled and nothing is
 * sent; DynamoDB's client path runs once more against a loopback answer ({@link DynamoDbPriming}); last the real
 * handler refuses an unsigned upload and an unknown route.
 */
final class IngestPrimer implements Primer {

    /** KMS's answer to the secret's derivation; DynamoDB and SQS ignore the field and read an empty answer. */
    private static final String ANSWER = "{\"Mac\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"KeyId\":\"priming\","
            + "\"MacAlgorithm\":\"HMAC_SHA_256\"}";
    private static final String TENANT = "priming";

    private final IngestHandler handler;
    private final Env env;

    IngestPrimer(IngestHandler handler, Env env) {
        this.handler = handler;
        this.env = env;
    }

    @Override
    public void prime() {
        Clock clock = Clock.systemUTC();
        String table = env.require("TABLE_NAME");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder, ANSWER);
             KmsClient kms = OfflineClients.client(env, KmsClient::builder, ANSWER);
             // the canned answer cannot echo the MD5 of the message SQS would return
             SqsClient sqs = OfflineClients.client(env, () -> SqsClient.builder().checksumValidationEnabled(false), ANSWER)) {
            DeviceKey kiosk = new DeviceKey(TENANT, TENANT + ".priming-only-key-0001", "kiosk-1", Role.KIOSK, Set.of(), clock.millis(), null, null);
            new DeviceKeyStore(dynamo, table).find(kiosk.tenantId(), kiosk.keyId());
            DeviceSecrets secrets = new DeviceSecrets(kms, "priming");
            var verifier = new SignedRequestVerifier((tenant, keyId) -> Optional.of(kiosk), secrets::secretFor,
                    new NonceStore(dynamo, table)::recordOnce, clock);
            var ingestion = new TelemetryIngestion(new EnvelopeValidator(new EventSchemas()),
                    new IngestQueue(sqs, env.require("INGEST_QUEUE_URL")), new QuarantineStore(dynamo, table),
                    new IngestStatsStore(dynamo, table), new Metrics("SeatPilot/Priming", "ingest"));

            String body = envelope(clock.millis());
            var headers = new HashMap<>(new RequestSigner(kiosk.keyId(), secrets.secretFor(TENANT, kiosk.keyId()), clock)
                    .sign("POST", "/v1/events", body));
            headers.put("content-type", "application/json");
            ApiRequest request = ApiRequest.from(Priming.request("POST", "/v1/events", headers, body));
            var device = verifier.verify(request, EnvelopeValidator.MAX_ENVELOPE_BYTES);
            new RateLimiter(new DynamoRateLimitStore(dynamo, table), clock).acquire(RateLimit.INGEST, device);
            if (!(ingestion.ingest(device, request.body(), request.requestId(), clock.millis()) instanceof IngestOutcome.Accepted accepted)) {
                throw new IllegalStateException("The priming envelope was not accepted");
            }
            ApiResponse.json(202, Map.of("status", "accepted", "accepted", accepted.accepted())).toGatewayResponse(request.requestId());
        }
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
