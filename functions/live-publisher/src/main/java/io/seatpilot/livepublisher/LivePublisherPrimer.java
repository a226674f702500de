package io.seatpilot.livepublisher;

import io.seatpilot.core.config.Env;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.live.LiveConnectionStore;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The publisher's first fact, before the snapshot: the event's subscribers, its message sequence and the event are
 * read and counted through the stores the publisher uses, on {@link OfflineClients}.
 */
record LivePublisherPrimer(Env env) implements Primer {

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        String table = env.require("TABLE_NAME");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder, "{\"Attributes\":{\"seq\":{\"N\":\"1\"}}}")) {
            var connections = new LiveConnectionStore(dynamo, table);
            connections.subscribers("priming", "priming-event");
            connections.nextSeq("priming", "priming-event");
            new EventSetupStore(dynamo, table).event("priming", "priming-event");
        }
    }
}
