package io.seatpilot.kpi;

import io.seatpilot.core.config.Env;
import io.seatpilot.core.kpi.KpiWiring;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The KPI functions' first run, before the snapshot: the roll-ups over {@link OfflineClients} are asked for the
 * events waiting for a roll-up (none there), so the store's reads are marshalled and unmarshalled once. Shared by
 * the facts consumer and the scheduled roll-up, which keep the same roll-ups.
 */
record KpiRollupPrimer(Env env) implements Primer {

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder)) {
            new KpiWiring(dynamo, env.require("TABLE_NAME"), Clock.systemUTC()).rollups().pending();
        }
    }
}
