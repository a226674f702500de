package io.seatpilot.ingestworker;

import io.seatpilot.core.auth.Role;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.devices.DeviceKey;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.telemetry.EventStore;
import io.seatpilot.core.telemetry.IngestMessage;
import io.seatpilot.core.telemetry.IngestMessageProcessor;
import io.seatpilot.core.telemetry.IngestStatsStore;
import io.seatpilot.core.telemetry.QuarantineStore;
import io.seatpilot.core.telemetry.SenderScope;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The worker's first message, before the snapshot: a queued envelope of a made-up kiosk is read as the queue
 * delivers it and processed — its sender checked, its raw event stored once, its counts added — by the processor
 * the handler uses, built on {@link OfflineClients} and without the door's and safety's projections (theirs are
 * the real stores).
 */
record IngestWorkerPrimer(Env env) implements Primer {

    @Override
    public void prime() throws Exception {
        DynamoDbPriming.prime(env);
        Clock clock = Clock.systemUTC();
        String table = env.require("TABLE_NAME");
        long now = clock.millis();
        String tenant = "priming";
        String keyId = tenant + ".priming-only-key-0001";
        DeviceKey kiosk = new DeviceKey(tenant, keyId, "kiosk-1", Role.KIOSK, Set.of(), now, null, null);
        IngestMessage message = Json.MAPPER.readValue("""
                {"message_id":"priming-1","tenant_id":"%s","key_id":"%s","device_id":"kiosk-1","request_id":"priming",
                 "received_at":%d,"envelopes":[{"receipt_id":"priming-1-0","content_hash":"%s","envelope":
                 {"schema_version":"1.1.0","event_id":"00000000-0000-4000-8000-000000000001","tenant_id":"%s",
                  "event_name":"checkin.qr_scan_start","session_id":"s-priming","ts_ms":%d,
                  "event_meta":{"app_channel":"kiosk","platform":"kiosk","app_version":"1.0.0","sdk_version":"1.1.0"},
                  "payload":{}}}]}""".formatted(tenant, keyId, now, "0".repeat(64), tenant, now), IngestMessage.class);
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder)) {
            new IngestMessageProcessor(new SenderScope((t, k) -> Optional.of(kiosk)), new EventStore(dynamo, table),
                    new QuarantineStore(dynamo, table), new IngestStatsStore(dynamo, table), List.of(),
                    new Metrics("SeatPilot/Priming", "ingest-worker")).process(message);
        }
    }
}
