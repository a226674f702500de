package io.seatpilot.local.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.seatpilot.local.log.StackLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.framing.CloseFrame;

/**
 * The WebSocket API's management API ({@code @connections}) as functions call it through the SDK's
 * ApiGatewayManagementApiClient: POST pushes a message, GET describes the connection, DELETE closes it, and an
 * unknown or closed connection answers 410 GoneException. In AWS it shares the WebSocket API's host; locally
 * the WebSocket server cannot also speak plain HTTP, so it has a port of its own, handed to the functions as
 * AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI. Requests are not SigV4-checked: there is only one local account.
 */
final class ConnectionsApi implements AutoCloseable {

    /** API Gateway's limit for one message, also for messages pushed through @connections. */
    static final int MESSAGE_LIMIT_BYTES = 128 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An optional stage prefix, then the connection id (URL-encoded by the SDK). */
    private static final Pattern PATH = Pattern.compile("^(?:/[^/@]+)?/@connections/([^/]+)/?$");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ConnectionRegistry connections;
    private final StackLog log;

    /** Binds a free loopback port at once, so functions can be given the endpoint before the WebSocket API starts. */
    ConnectionsApi(ConnectionRegistry connections, StackLog log) {
        this.connections = connections;
        this.log = log;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for the @connections API", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            Answer answer;
            try {
                answer = answer(exchange);
            } catch (RuntimeException e) {
                log.error("The @connections API failed on " + exchange.getRequestMethod() + " " + exchange.getRequestURI(), e);
                answer = Answer.error(500, "InternalServerError", "Internal server error");
            }
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (IOException e) {
            log.warn("Could not answer " + exchange.getRequestURI() + ": " + e.getMessage());
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches()) {
            return Answer.error(404, "NotFoundException", "Not Found");
        }
        String connectionId = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MESSAGE_LIMIT_BYTES + 1);
        }
        Optional<Connection> found = connections.find(connectionId);
        String method = exchange.getRequestMethod();
        if (found.isEmpty() && (method.equals("POST") || method.equals("GET") || method.equals("DELETE"))) {
            return Answer.error(410, "GoneException", "Connection " + connectionId + " is gone");
        }
        return switch (method) {
            case "POST" -> {
                if (body.length > MESSAGE_LIMIT_BYTES) {
                    yield Answer.error(413, "PayloadTooLargeException", "Message over " + MESSAGE_LIMIT_BYTES + " bytes");
                }
                // API Gateway forwards the bytes as a text frame: clients of this API only ever get JSON text.
                found.get().socket().send(new String(body, StandardCharsets.UTF_8));
                yield new Answer(200, Map.of(), new byte[0]);
            }
            case "GET" -> Answer.json(200, describe(found.get()));
            case "DELETE" -> {
                found.get().socket().close(CloseFrame.NORMAL, "Connection closed by the server");
                yield new Answer(204, Map.of(), new byte[0]);
            }
            default -> Answer.error(405, "MethodNotAllowedException", "Method " + method + " is not allowed");
        };
    }

    private static Map<String, Object> describe(Connection connection) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", connection.sourceIp());
        identity.put("userAgent", connection.userAgent());
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("connectedAt", connection.connectedAt().toString());
        described.put("identity", identity);
        described.put("lastActiveAt", connection.lastActiveAt().toString());
        return described;
    }

    /** Errors as REST-JSON services send them: the type in x-amzn-ErrorType, the text in the body's message. */
    private record Answer(int status, Map<String, String> headers, byte[] body) {

        static Answer json(int status, Object body) {
            try {
                return new Answer(status, Map.of("content-type", "application/json"), JSON.writeValueAsBytes(body));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        static Answer error(int status, String type, String message) {
            Answer answer = json(status, Map.of("message", message));
            return new Answer(status, Map.of("content-type", "application/json", "x-amzn-ErrorType", type), answer.body());
        }
    }
}
