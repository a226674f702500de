package io.seatpilot.safety;

import io.seatpilot.core.config.Env;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The escalation's first reads, before the snapshot: the event through the set-up store, on {@link OfflineClients}. */
record EscalationPrimer(Env env) implements Primer {

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder)) {
            new EventSetupStore(dynamo, env.require("TABLE_NAME")).event("priming", "priming-event");
        }
    }
}
