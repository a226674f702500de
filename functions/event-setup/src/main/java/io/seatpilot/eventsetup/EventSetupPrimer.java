package io.seatpilot.eventsetup;

import io.seatpilot.core.config.Env;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The planner's first calls, before the snapshot: every route that takes a person's token refuses a request without
 * one through the real handler, an unknown route answers 404, and the event, its tables, guests and households are
 * read through the set-up store on {@link OfflineClients}. The guest's own pages (their path is their credential)
 * are left out: a request to them is a look-up.
 */
record EventSetupPrimer(EventSetupHandler handler, Env env) implements Primer {

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        Priming.routes(handler, "event-setup", "PUT /v1/events/{eventId}", "PUT /v1/events/{eventId}/guests",
                "PUT /v1/events/{eventId}/tables", "POST /v1/events/{eventId}/passes", "GET /v1/events/{eventId}/guests/{guestId}",
                "GET /v1/events/{eventId}/guests/{guestId}/export", "DELETE /v1/events/{eventId}/guests/{guestId}",
                "POST /v1/events/{eventId}/invitations", "GET /v1/events/{eventId}/invitations");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder)) {
            var store = new EventSetupStore(dynamo, env.require("TABLE_NAME"));
            store.event("priming", "priming-event");
            store.tables("priming", "priming-event");
            store.guests("priming", "priming-event");
            store.households("priming", "priming-event");
        }
    }
}
