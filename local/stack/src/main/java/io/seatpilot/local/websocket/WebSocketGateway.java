package io.seatpilot.local.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatpilot.local.lambda.InvocationResult;
import io.seatpilot.local.lambda.LambdaInvoker;
import io.seatpilot.local.log.StackLog;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * The template's WebSocket API on the WebSocket port, with API Gateway's behaviour: the {@code $connect} route
 * runs during the handshake and a non-2xx answer (or a failure) refuses it; each text message goes to the route
 * its route selection expression picks, else to {@code $default}; two-way routes send the function's response
 * body back; {@code $disconnect} runs once the connection closed, whichever side closed it.
 *
 * <p>Java-WebSocket cannot send a refused handshake the function's status code (it answers 404 "WebSocket
 * Upgrade Failure"); clients see a refused connection either way.
 */
final class WebSocketGateway implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_LIMIT = Duration.ofSeconds(10);

    /** API Gateway's connection limits: closed after 10 minutes without a client message, and after 2 hours. */
    record Limits(Duration idle, Duration lifetime) {
        static final Limits API_GATEWAY = new Limits(Duration.ofMinutes(10), Duration.ofHours(2));

        /** Often enough that a connection closes within a quarter of the shorter limit after passing it. */
        Duration checkEvery() {
            long quarter = Math.min(idle.toMillis(), lifetime.toMillis()) / 4;
            return Duration.ofMillis(Math.clamp(quarter, 50, 30_000));
        }
    }

    private final WebSocketApiDefinition api;
    private final LambdaInvoker invoker;
    private final ConnectionRegistry connections;
    private final Clock clock;
    private final StackLog log;
    private final WebSocketEventFactory events;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private final ScheduledExecutorService limitsCheck = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "websocket-limits");
        thread.setDaemon(true);
        return thread;
    });
    private final Limits limits;
    private final Server server;
    private final int port;

    WebSocketGateway(int port, WebSocketApiDefinition api, LambdaInvoker invoker, ConnectionRegistry connections,
                     Limits limits, Clock clock, StackLog log) {
        this.port = port;
        this.limits = limits;
        this.api = api;
        this.invoker = invoker;
        this.connections = connections;
        this.clock = clock;
        this.log = log;
        this.events = new WebSocketEventFactory(api.logicalId(), api.stage(), "127.0.0.1:" + port);
        this.server = new Server(new InetSocketAddress("127.0.0.1", port));
    }

    /** Starts listening and returns once the port is bound. */
    void start() {
        server.setReuseAddr(true);
        server.setDaemon(true);
        server.start();
        try {
            listening.get(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot serve the WebSocket API on 127.0.0.1:" + port
                    + " (is another stack running?): " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The WebSocket API did not start within " + START_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the WebSocket API", e);
        }
        long period = limits.checkEvery().toMillis();
        limitsCheck.scheduleAtFixedRate(this::closeExpired, period, period, TimeUnit.MILLISECONDS);
    }

    /** Closes connections past a limit the way API Gateway does: 1001 "Going away", then $disconnect. */
    private void closeExpired() {
        Instant now = clock.instant();
        for (Connection connection : connections.all()) {
            boolean idle = connection.lastActiveAt().plus(limits.idle()).isBefore(now);
            boolean old = connection.connectedAt().plus(limits.lifetime()).isBefore(now);
            if (idle || old) {
                connection.socket().close(CloseFrame.GOING_AWAY, "Going away");
            }
        }
    }

    URI endpoint() {
        return URI.create("ws://127.0.0.1:" + port);
    }

    WebSocketApiDefinition api() {
        return api;
    }

    @Override
    public void close() throws InterruptedException {
        limitsCheck.shutdownNow();
        server.stop(1000);
        executor.shutdownNow();
    }

    /** The $connect route decides; without one every handshake is accepted. */
    private void connect(Connection connection, ClientHandshake handshake) throws InvalidDataException {
        Optional<WebSocketApiDefinition.WebSocketRoute> route = api.route(WebSocketApiDefinition.CONNECT);
        if (route.isEmpty()) {
            return;
        }
        var request = new WebSocketEventFactory.Handshake(connection.id(), connection.connectedAt(),
                rawQuery(handshake.getResourceDescriptor()), headers(handshake), connection.sourceIp());
        InvocationResult result = invoke(route.get(), events.connect(request, clock.instant()));
        int status = switch (result) {
            case InvocationResult.Failed failed -> 500;
            case InvocationResult.Succeeded succeeded -> statusCode(succeeded.payload());
        };
        if (status < 200 || status > 299) {
            log.event("websocket", Map.of("routeKey", WebSocketApiDefinition.CONNECT, "connectionId", connection.id(),
                    "outcome", "refused", "status", status));
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "$connect answered " + status);
        }
    }

    private void message(Connection connection, String body) {
        connection.active(clock.instant());
        if (body.getBytes(StandardCharsets.UTF_8).length > ConnectionsApi.MESSAGE_LIMIT_BYTES) {
            connection.socket().close(CloseFrame.TOOBIG, "Message too big");
            return;
        }
        Optional<WebSocketApiDefinition.WebSocketRoute> route = api.route(selectRouteKey(body))
                .or(() -> api.route(WebSocketApiDefinition.DEFAULT));
        if (route.isEmpty()) {
            reply(connection, gatewayMessage("Forbidden", connection));
            return;
        }
        switch (invoke(route.get(), events.message(route.get().routeKey(), connection, body, clock.instant()))) {
            case InvocationResult.Failed failed -> reply(connection, gatewayMessage("Internal server error", connection));
            case InvocationResult.Succeeded succeeded -> {
                if (route.get().twoWay()) {
                    responseBody(succeeded.payload()).ifPresent(text -> reply(connection, text));
                }
            }
        }
    }

    private void disconnect(Connection connection, int code, String reason) {
        api.route(WebSocketApiDefinition.DISCONNECT)
                .ifPresent(route -> invoke(route, events.disconnect(connection, code, reason, clock.instant())));
    }

    private InvocationResult invoke(WebSocketApiDefinition.WebSocketRoute route, Map<String, Object> event) {
        try {
            return invoker.invoke(route.functionLogicalId(), "WebSocket " + route.routeKey(), JSON.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the WebSocket event", e);
        }
    }

    private static void reply(Connection connection, String text) {
        if (connection.socket().isOpen()) {
            connection.socket().send(text);
        }
    }

    /** The key the route selection expression ({@code $request.body.<path>}) picks from a JSON message, if any. */
    String selectRouteKey(String body) {
        String expression = api.routeSelectionExpression();
        if (!expression.startsWith("$request.body.")) {
            return WebSocketApiDefinition.DEFAULT;
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return WebSocketApiDefinition.DEFAULT;
        }
        for (String field : expression.substring("$request.body.".length()).split("\\.")) {
            node = node == null ? null : node.get(field);
        }
        return node != null && node.isValueNode() && !node.isNull() ? node.asText() : WebSocketApiDefinition.DEFAULT;
    }

    /** A proxy response's statusCode; a response without one counts as 200, as API Gateway takes it. */
    private static int statusCode(String payload) {
        try {
            JsonNode response = JSON.readTree(payload);
            return response != null && response.has("statusCode") ? response.get("statusCode").asInt(500) : 200;
        } catch (JsonProcessingException e) {
            return 500;
        }
    }

    private static Optional<String> responseBody(String payload) {
        try {
            JsonNode response = JSON.readTree(payload);
            if (response == null || response.isNull()) {
                return Optional.empty();
            }
            if (response.isObject() && response.has("statusCode")) {
                return Optional.ofNullable(response.get("body")).filter(JsonNode::isTextual).map(JsonNode::asText);
            }
            return Optional.of(payload);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String gatewayMessage(String message, Connection connection) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("connectionId", connection.id());
        body.put("requestId", WebSocketEventFactory.newConnectionId());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rawQuery(String resourceDescriptor) {
        int question = resourceDescriptor.indexOf('?');
        return question < 0 ? "" : resourceDescriptor.substring(question + 1);
    }

    private static Map<String, List<String>> headers(ClientHandshake handshake) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        handshake.iterateHttpFields().forEachRemaining(name ->
                headers.computeIfAbsent(name, n -> new ArrayList<>()).add(handshake.getFieldValue(name)));
        return headers;
    }

    /** Java-WebSocket's callbacks, kept apart so the gateway's own interface stays small. */
    private final class Server extends WebSocketServer {

        Server(InetSocketAddress address) {
            super(address);
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket socket, Draft draft,
                                                                           ClientHandshake handshake) throws InvalidDataException {
            ServerHandshakeBuilder answer = super.onWebsocketHandshakeReceivedAsServer(socket, draft, handshake);
            String userAgent = handshake.hasFieldValue("User-Agent") ? handshake.getFieldValue("User-Agent") : "";
            var connection = new Connection(WebSocketEventFactory.newConnectionId(), socket, clock.instant(),
                    socket.getRemoteSocketAddress().getAddress().getHostAddress(), userAgent);
            connect(connection, handshake);
            socket.setAttachment(connection);
            return answer;
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
            Connection connection = socket.getAttachment();
            connections.add(connection);
            log.event("websocket", Map.of("routeKey", WebSocketApiDefinition.CONNECT, "connectionId", connection.id(),
                    "outcome", "connected"));
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            Connection connection = socket.getAttachment();
            executor.execute(() -> message(connection, message));
        }

        /** Binary frames are not part of this API (clients send JSON text); API Gateway would not route them either. */
        @Override
        public void onMessage(WebSocket socket, ByteBuffer message) {
            socket.close(CloseFrame.REFUSE, "Binary messages are not supported");
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            Connection attached = socket.getAttachment();
            if (attached == null) {
                return;
            }
            connections.remove(attached.id()).ifPresent(connection -> executor.execute(() -> {
                log.event("websocket", Map.of("routeKey", WebSocketApiDefinition.DISCONNECT, "connectionId", connection.id(),
                        "outcome", "closed", "code", code));
                disconnect(connection, code, reason == null || reason.isEmpty() ? "Connection closed" : reason);
            }));
        }

        @Override
        public void onError(WebSocket socket, Exception e) {
            if (socket == null) {
                listening.completeExceptionally(e);
            } else {
                log.warn("WebSocket connection error: " + e);
            }
        }

        @Override
        public void onStart() {
            listening.complete(null);
        }
    }
}
