package io.seatpilot.local.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The container credentials endpoint Lambda gives a SnapStart function ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}
 * with {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}), one path and token per function. Each function's temporary
 * keys identify its execution role to the {@link IamGate}s, as a role session's keys do in AWS. Keys are
 * issued afresh on every fetch (a restored snapshot fetches its own) and stay valid for their lifetime.
 */
public final class FunctionCredentials implements AutoCloseable {

    public static final String URI_VARIABLE = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    public static final String TOKEN_VARIABLE = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
    private static final Duration LIFETIME = Duration.ofHours(6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Clock clock;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, ExecutionRole> roles = new ConcurrentHashMap<>();
    private final Map<String, ExecutionRole> byAccessKey = new ConcurrentHashMap<>();

    public FunctionCredentials(Clock clock) {
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for container credentials", e);
        }
        server.setExecutor(executor);
        server.createContext("/functions/", this::exchange);
        server.start();
    }

    /** The variables Lambda sets for a function's credentials (the role is bound later, before any call). */
    public Map<String, String> environmentFor(String functionLogicalId) {
        String token = tokens.computeIfAbsent(functionLogicalId, id -> random(24));
        return Map.of(URI_VARIABLE, "http://127.0.0.1:" + server.getAddress().getPort() + "/functions/" + functionLogicalId
                + "/credentials", TOKEN_VARIABLE, token);
    }

    public void bind(ExecutionRole role) {
        roles.put(role.functionLogicalId(), role);
    }

    /** The execution role whose session the access key belongs to. */
    public Optional<ExecutionRole> roleOf(String accessKeyId) {
        return Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            String function = path.length == 4 && path[3].equals("credentials") ? path[2] : "";
            String expected = tokens.get(function);
            ExecutionRole role = roles.get(function);
            if (expected == null || role == null || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(403, -1);
                return;
            }
            String accessKey = "ASIA" + random(8).toUpperCase(java.util.Locale.ROOT);
            byAccessKey.put(accessKey, role);
            Map<String, String> body = new LinkedHashMap<>();
            body.put("AccessKeyId", accessKey);
            body.put("SecretAccessKey", random(20));
            body.put("Token", random(32));
            body.put("Expiration", clock.instant().plus(LIFETIME).toString());
            body.put("RoleArn", role.principalArn());
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
