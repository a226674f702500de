package io.seatpilot.local.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.local.aws.FreePort;
import io.seatpilot.local.lambda.LambdaInvoker;
import io.seatpilot.local.log.StackLog;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * A WebSocket API without routes, with limits short enough to watch: connections are accepted (no $connect),
 * messages are refused as API Gateway refuses unroutable ones, and API Gateway's idle and lifetime limits close
 * connections with 1001, after which @connections answers 410.
 */
class WebSocketLimitsTest {

    private static final WebSocketApiDefinition NO_ROUTES = new WebSocketApiDefinition("BareApi", "$request.body.action",
            "test", Map.of());

    private final StackLog log = new StackLog(true);
    private final LambdaInvoker invoker = new LambdaInvoker(List.of(), Map.of(), log);
    private LocalWebSocketApi webSocket;
    private ApiGatewayManagementApiClient management;
    private AutoCloseable serving;
    private URI endpoint;

    @BeforeEach
    void start() {
        webSocket = new LocalWebSocketApi(log);
        management = ManagementClients.at(webSocket.managementEndpoint());
        endpoint = URI.create("ws://127.0.0.1:" + FreePort.pick());
    }

    private void serve(WebSocketGateway.Limits limits) {
        serving = webSocket.serve(endpoint.getPort(), NO_ROUTES, invoker, limits, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (serving != null) {
            serving.close();
        }
        webSocket.close();
        invoker.close();
        management.close();
    }

    @Test
    void withoutConnectRouteEveryoneIsAcceptedAndUnroutableMessagesAreForbidden() {
        serve(WebSocketGateway.Limits.API_GATEWAY);
        try (SocketClient client = SocketClient.connect(endpoint)) {
            String answer = client.ask("{\"action\":\"anything\"}");
            assertTrue(answer.contains("\"message\":\"Forbidden\""), answer);
        }
    }

    @Test
    void anIdleConnectionIsClosedAndThenGone() {
        serve(new WebSocketGateway.Limits(Duration.ofMillis(300), Duration.ofHours(1)));
        assertClosedByLimitThenGone();
    }

    @Test
    void aConnectionIsClosedAtTheEndOfItsLifetime() {
        serve(new WebSocketGateway.Limits(Duration.ofHours(1), Duration.ofMillis(300)));
        assertClosedByLimitThenGone();
    }

    private void assertClosedByLimitThenGone() {
        try (SocketClient client = SocketClient.connect(endpoint)) {
            String connectionId = connectionId(client);
            assertEquals(CloseFrame.GOING_AWAY, client.awaitClosedByServer());
            assertThrows(GoneException.class, () -> management.getConnection(get -> get.connectionId(connectionId)));
        }
    }

    /** The unroutable-message answer names the connection, as API Gateway's does. */
    private static String connectionId(SocketClient client) {
        String answer = client.ask("{}");
        return answer.replaceAll(".*\"connectionId\":\"([^\"]+)\".*", "$1");
    }
}
