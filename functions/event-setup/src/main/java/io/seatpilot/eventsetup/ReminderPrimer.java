package io.seatpilot.eventsetup;

import io.seatpilot.core.config.Env;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The reminder run's first reads, before the snapshot: the event and its guests through the set-up store, offline. */
record ReminderPrimer(Env env) implements Primer {

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder)) {
            var store = new EventSetupStore(dynamo, env.require("TABLE_NAME"));
            store.event("priming", "priming-event");
            store.guests("priming", "priming-event");
        }
    }
}
