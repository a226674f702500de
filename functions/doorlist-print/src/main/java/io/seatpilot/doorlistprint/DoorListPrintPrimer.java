package io.seatpilot.doorlistprint;

import io.seatpilot.core.config.Env;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The printed door list's first call, before the snapshot: both routes refuse a request without credentials through
 * the real handler, an unknown route answers 404, and the event, its tables and guests are read through the set-up
 * store on {@link OfflineClients}.
 */
record DoorListPrintPrimer(DoorListPrintHandler handler, Env env) implements Primer {

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        Priming.routes(handler, "doorlist-print", "GET /v1/events/{eventId}/doorlist.pdf", "GET /v1/events/{eventId}/doorlist.csv");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder)) {
            var store = new EventSetupStore(dynamo, env.require("TABLE_NAME"));
            store.event("priming", "priming-event");
            store.tables("priming", "priming-event");
            store.guests("priming", "priming-event");
        }
    }
}
