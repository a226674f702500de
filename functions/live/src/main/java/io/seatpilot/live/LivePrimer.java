package io.seatpilot.live;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.live.LiveConnectionStore;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The socket's first connection, before the snapshot: a {@code $connect} without credentials is refused through
 * the real handler (its logging and the session's checks run, nothing is read), and the connection's record and
 * the event are read through the same stores on {@link OfflineClients}.
 */
record LivePrimer(LiveHandler handler, Env env) implements Primer {

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        var context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey("$connect");
        context.setConnectionId("priming");
        context.setRequestId("priming");
        var connect = new APIGatewayV2WebSocketEvent();
        connect.setRequestContext(context);
        connect.setQueryStringParameters(Map.of());
        int status = handler.handleRequest(connect, null).getStatusCode();
        if (status < 400 || status >= 500) {
            throw new IllegalStateException("$connect without credentials answered " + status);
        }
        String table = env.require("TABLE_NAME");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder)) {
            new LiveConnectionStore(dynamo, table).find("priming");
            new EventSetupStore(dynamo, table).event("priming", "priming-event");
        }
    }
}
