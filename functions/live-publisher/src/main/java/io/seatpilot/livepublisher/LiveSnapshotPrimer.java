package io.seatpilot.livepublisher;

import io.seatpilot.core.config.Env;
import io.seatpilot.core.kpi.KpiWiring;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dashboard's first snapshot, before the snapshot: the route refuses a request without credentials through the
 * real handler, an unknown route answers 404, and the snapshot's reads run through the same parts on
 * {@link OfflineClients} (where the event does not exist, so it ends empty).
 */
record LiveSnapshotPrimer(LiveSnapshotHandler handler, Env env) implements Primer {

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        Priming.routes(handler, "live-snapshot", "GET /v1/events/{eventId}/live/snapshot");
        String table = env.require("TABLE_NAME");
        Clock clock = Clock.systemUTC();
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder)) {
            new KpiWiring(dynamo, table, clock).liveSnapshots().snapshot("priming", "priming-event");
        }
    }
}
