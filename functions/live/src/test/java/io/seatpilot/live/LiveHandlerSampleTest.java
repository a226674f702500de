package io.seatpilot.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample $connect events (events/lambda) through the handler: a connection without a valid token is refused
 * with 401 before anything is stored or any key is fetched, which is what makes API Gateway refuse the handshake.
 */
class LiveHandlerSampleTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("TABLE_NAME", "data", "AWS_REGION", "us-east-1",
            "JWT_ISSUER", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool", "JWT_AUDIENCE", "client",
            "DEVICE_KEY_ROOT_ID", "root-key");

    /** Just what the handler's logging reads. */
    private static final Context CONTEXT = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(),
            new Class<?>[] {Context.class}, (proxy, method, arguments) -> switch (method.getName()) {
                case "getAwsRequestId" -> "sample-request";
                case "getFunctionName" -> "seatpilot-live-dev";
                case "getFunctionVersion" -> "$LATEST";
                case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:123456789012:function:seatpilot-live-dev";
                case "getMemoryLimitInMB" -> 1024;
                case "getRemainingTimeInMillis" -> 10_000;
                default -> null;
            });

    private static APIGatewayV2WebSocketEvent sample(String name) {
        return EventLoader.loadEvent(Path.of(System.getProperty("seatpilot.repo.root"), "events/lambda", name).toString(),
                APIGatewayV2WebSocketEvent.class);
    }

    @Test
    void theSampleConnectWithARedactedTokenIsRefused() {
        APIGatewayV2WebSocketEvent connect = sample("live-connect.json");
        assertEquals("$connect", connect.getRequestContext().getRouteKey());
        assertEquals(401, new LiveHandler(ENVIRONMENT).handleRequest(connect, CONTEXT).getStatusCode());
    }

    @Test
    void aConnectWithoutTokenIsRefused() {
        APIGatewayV2WebSocketEvent connect = sample("live-connect.json");
        connect.setQueryStringParameters(null);
        assertEquals(401, new LiveHandler(ENVIRONMENT).handleRequest(connect, CONTEXT).getStatusCode());
    }

    @Test
    void theSampleMessagesNameTheirRouteAndConnection() {
        APIGatewayV2WebSocketEvent subscribe = sample("live-subscribe.json");
        assertEquals("subscribe", subscribe.getRequestContext().getRouteKey());
        assertEquals("Kx1aBdH8oAMCJqQ=", subscribe.getRequestContext().getConnectionId());
        assertEquals("$disconnect", sample("live-disconnect.json").getRequestContext().getRouteKey());
    }
}
