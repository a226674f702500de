package io.seatpilot.admin;

import io.seatpilot.core.auth.Role;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.signing.PrimingKiosk;
import io.seatpilot.core.devices.DeviceKeyIssuer;
import io.seatpilot.core.devices.DeviceKeyStore;
import io.seatpilot.core.devices.DeviceSecrets;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.snapstart.FreshRandom;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.telemetry.IngestStatsStore;
import io.seatpilot.core.telemetry.QuarantineStore;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The admin routes' first calls, before the snapshot: each route refuses a request without credentials through the
 * real handler; a kiosk key is issued (its device's keys read, its record written, its secret derived through KMS),
 * and ingest's counts and quarantine are read, all on {@link OfflineClients}; the issued key is written as JSON.
 */
record AdminPrimer(AdminHandler handler, Env env) implements Primer {

    private static final String TENANT = "priming";

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        Clock clock = Clock.systemUTC();
        String table = env.require("TABLE_NAME");
        Priming.withoutCredentials(handler, "admin", "POST /v1/devices", "DELETE /v1/devices/{deviceId}/keys/{keyId}",
                "GET /v1/ingest/stats", "GET /v1/ingest/quarantine", "POST /v1/ingest/quarantine/{id}/replay");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder, PrimingKiosk.OFFLINE_ANSWER);
             KmsClient kms = OfflineClients.client(env, KmsClient::builder, PrimingKiosk.OFFLINE_ANSWER)) {
            var issued = new DeviceKeyIssuer(new DeviceKeyStore(dynamo, table), new DeviceSecrets(kms, "priming"), new FreshRandom(), clock)
                    .issue(TENANT, "kiosk-1", Role.KIOSK, Set.of("priming-event"), null);
            ApiResponse.json(201, issued).toGatewayResponse("priming");
            new IngestStatsStore(dynamo, table).read(TENANT, clock.millis() - 3_600_000, clock.millis());
            new QuarantineStore(dynamo, table).list(TENANT, Optional.empty(), Set.of(), 50, Optional.empty());
        }
        Priming.unknownRoute(handler, "admin");
    }
}
