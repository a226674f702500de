package io.seatpilot.local.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.gateway.TestStack;
import io.seatpilot.local.gateway.fixtures.Recorded;
import io.seatpilot.local.it.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/** The test template's WebSocket API through a real WebSocket client and the SDK's @connections client. */
class WebSocketGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static ApiGatewayManagementApiClient management;

    @BeforeAll
    static void stack() {
        stack = TestStack.get();
        management = ManagementClients.at(stack.connectionsEndpoint());
    }

    @AfterAll
    static void closeClient() {
        management.close();
    }

    private static URI allowed() {
        return URI.create(stack.wsEndpoint() + "/?allow=yes&note=a%20b");
    }

    @Test
    void theTemplatesWebSocketApiIsServed() {
        var api = stack.webSocketApi().orElseThrow();
        assertEquals("SocketApi", api.logicalId());
        assertEquals("test", api.stage());
        assertEquals("$request.body.action", api.routeSelectionExpression());
        assertTrue(api.route("echo").orElseThrow().twoWay());
        assertEquals(false, api.route("push").orElseThrow().twoWay());
        assertEquals("SocketFunction", api.route("$connect").orElseThrow().functionLogicalId());
    }

    @Test
    void aConnectAnsweredWithA403IsRefused() {
        var failure = assertThrows(CompletionException.class, () -> SocketClient.connect(URI.create(stack.wsEndpoint() + "/?allow=no")));
        assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
    }

    @Test
    void anAcceptedConnectSeesTheHandshakeAndMessagesAreRoutedByAction() throws IOException {
        try (SocketClient client = SocketClient.connect(allowed())) {
            JsonNode echo = JSON.readTree(client.ask("{\"action\":\"echo\",\"n\":1}"));
            assertEquals("echo", echo.get("route").asText());
            assertEquals("MESSAGE", echo.get("eventType").asText());
            String connectionId = echo.get("connectionId").asText();

            APIGatewayV2WebSocketEvent connect = connectEvent(connectionId).orElseThrow();
            assertEquals("CONNECT", connect.getRequestContext().getEventType());
            assertEquals("a b", connect.getQueryStringParameters().get("note"));
            assertEquals("test", connect.getRequestContext().getStage());
            assertEquals("SocketApi", connect.getRequestContext().getApiId());
            assertEquals(stack.wsEndpoint().getAuthority(), connect.getRequestContext().getDomainName());

            assertEquals("$default", JSON.readTree(client.ask("{\"action\":\"nothing-routes-this\"}")).get("route").asText());
            assertEquals("$default", JSON.readTree(client.ask("not json at all")).get("route").asText());
            assertEquals("Internal server error", JSON.readTree(client.ask("{\"action\":\"fail\"}")).get("message").asText());
        }
    }

    @Test
    void aFunctionPushesThroughConnectionsWithTheSdk() throws IOException {
        try (SocketClient client = SocketClient.connect(allowed())) {
            String connectionId = JSON.readTree(client.ask("{\"action\":\"echo\"}")).get("connectionId").asText();
            assertEquals("pushed:" + connectionId, client.ask("{\"action\":\"push\"}"));
        }
    }

    @Test
    void connectionsPostsGetsAndDeletesAndAnswersGoneAfterwards() throws IOException {
        SocketClient client = SocketClient.connect(allowed());
        String connectionId = JSON.readTree(client.ask("{\"action\":\"echo\"}")).get("connectionId").asText();

        management.postToConnection(post -> post.connectionId(connectionId).data(SdkBytes.fromUtf8String("{\"hello\":1}")));
        assertEquals("{\"hello\":1}", client.next());
        var described = management.getConnection(get -> get.connectionId(connectionId));
        assertTrue(described.connectedAt() != null && described.identity().sourceIp().equals("127.0.0.1"), described::toString);

        management.deleteConnection(delete -> delete.connectionId(connectionId));
        client.awaitClosedByServer();
        Eventually.until(Duration.ofSeconds(10), "$disconnect runs", () -> disconnectEvent(connectionId).isPresent());
        assertThrows(GoneException.class, () -> management.postToConnection(post -> post.connectionId(connectionId)
                .data(SdkBytes.fromUtf8String("late"))));
    }

    @Test
    void aClientThatLeftIsGoneAndItsDisconnectRuns() throws IOException {
        String connectionId;
        try (SocketClient client = SocketClient.connect(allowed())) {
            connectionId = JSON.readTree(client.ask("{\"action\":\"echo\"}")).get("connectionId").asText();
        }
        APIGatewayV2WebSocketEvent disconnect = Eventually.await(Duration.ofSeconds(10), () -> disconnectEvent(connectionId),
                Optional::isPresent).orElseThrow();
        assertEquals("$disconnect", disconnect.getRequestContext().getRouteKey());
        assertThrows(GoneException.class, () -> management.postToConnection(post -> post.connectionId(connectionId)
                .data(SdkBytes.fromUtf8String("late"))));
        assertThrows(GoneException.class, () -> management.getConnection(get -> get.connectionId("never-connected")));
    }

    private static Optional<APIGatewayV2WebSocketEvent> connectEvent(String connectionId) {
        return event("$connect", connectionId);
    }

    private static Optional<APIGatewayV2WebSocketEvent> disconnectEvent(String connectionId) {
        return event("$disconnect", connectionId);
    }

    private static Optional<APIGatewayV2WebSocketEvent> event(String routeKey, String connectionId) {
        List<APIGatewayV2WebSocketEvent> events = Recorded.of("socket", APIGatewayV2WebSocketEvent.class);
        return events.stream().filter(e -> routeKey.equals(e.getRequestContext().getRouteKey())
                && connectionId.equals(e.getRequestContext().getConnectionId())).findFirst();
    }
}
