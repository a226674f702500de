package io.seatpilot.kpi;

import io.seatpilot.core.config.Env;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The KPI read's first call, before the snapshot: the route refuses a request without credentials through the real
 * handler, an unknown route answers 404, and the event is read through the set-up store on {@link OfflineClients}.
 */
record KpiReadPrimer(KpiReadHandler handler, Env env) implements Primer {

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        Priming.routes(handler, "kpi-read", "GET /v1/events/{eventId}/kpis");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder)) {
            new EventSetupStore(dynamo, env.require("TABLE_NAME")).event("priming", "priming-event");
        }
    }
}
