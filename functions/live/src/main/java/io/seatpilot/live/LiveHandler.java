package io.seatpilot.live;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.devices.DeviceWiring;
import io.seatpilot.core.event.EventSetupStore;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.seatpilot.core.tokens.TokenVerifier;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.live.LiveConnectionStore;
import io.seatpilot.core.live.LiveSession;
import io.seatpilot.core.observability.Logs;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The Ops Live WebSocket routes (SPEC §11). {@code $connect} answers 2xx only for a valid token (query parameter
 * {@code token}) or signed screen key, which makes API Gateway accept the connection; the message routes answer with a JSON body,
 * which their route responses send back on the socket.
 */
public final class LiveHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHandler.class);

    private final LiveSession live;

    public LiveHandler() {
        this(System.getenv());
    }

    public LiveHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        this.live = new LiveSession(TokenVerifier.fromEnvironment(platform.env(), platform.clients())::verify,
                new DeviceWiring(platform).signedRequestVerifier(), new LiveConnectionStore(platform.dynamo(), platform.table()),
                new EventSetupStore(platform.dynamo(), platform.table()), platform.clock());
        platform.restoreCalls();
        Priming.register(platform.hooks(), new LivePrimer(this, platform.env()));
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        var request = event.getRequestContext();
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                Logs.requestId(request.getRequestId());
                Logs.event(request.getRouteKey());
                return switch (request.getRouteKey()) {
                    case "$connect" -> connect(request.getConnectionId(),
                            Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of()), request.getRequestId());
                    case "$disconnect" -> {
                        live.disconnect(request.getConnectionId());
                        yield response(200, "");
                    }
                    default -> response(200, Json.write(live.message(request.getConnectionId(), request.getRouteKey(),
                            Optional.ofNullable(event.getBody()).orElse(""))));
                };
            } finally {
                Logs.clear();
            }
        });
    }

    private APIGatewayV2WebSocketResponse connect(String connectionId, Map<String, String> query, String requestId) {
        try {
            live.connect(connectionId, query, requestId);
            LOG.info("connected");
            return response(200, "");
        } catch (ApiException refused) {
            LOG.info("refused {} {}", refused.problem().status(), refused.problem().reason());
            return response(refused.problem().status(), "");
        }
    }

    private static APIGatewayV2WebSocketResponse response(int status, String body) {
        var response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        response.setBody(body);
        return response;
    }
}
