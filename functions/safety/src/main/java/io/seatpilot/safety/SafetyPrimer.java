package io.seatpilot.safety;

import io.seatpilot.core.config.Env;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Safety's first calls, before the snapshot: every route refuses a request without credentials through the real
 * handler, an unknown route answers 404, and the event and its tables are read through the set-up store on
 * {@link OfflineClients}.
 */
record SafetyPrimer(SafetyHandler handler, Env env) implements Primer {

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        Priming.routes(handler, "safety", "POST /v1/events/{eventId}/alerts", "GET /v1/events/{eventId}/alerts",
                "POST /v1/events/{eventId}/alerts/{alertId}/ack", "POST /v1/events/{eventId}/incidents",
                "GET /v1/events/{eventId}/incidents", "POST /v1/events/{eventId}/incidents/{incidentId}/ack",
                "POST /v1/events/{eventId}/incidents/{incidentId}/resolve", "GET /v1/events/{eventId}/exits",
                "PUT /v1/events/{eventId}/exits/{exitId}", "POST /v1/events/{eventId}/muster/{pointId}/checkins",
                "GET /v1/events/{eventId}/muster", "GET /v1/events/{eventId}/audit");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder)) {
            var store = new EventSetupStore(dynamo, env.require("TABLE_NAME"));
            store.event("priming", "priming-event");
            store.tables("priming", "priming-event");
        }
    }
}
