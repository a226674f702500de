package io.seatpilot.local.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The AWS JSON 1.1 protocol as KMS speaks it: {@code POST /}, operation named by {@code X-Amz-Target:
 * TrentService.<Op>}, JSON in and out, errors as {@code {"__type": …, "message": …}}. SigV4 headers are
 * accepted and ignored: a loopback test endpoint has no one to authenticate.
 */
final class KmsHttpHandler implements HttpHandler {

    private static final String TARGET_PREFIX = "TrentService.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final System.Logger LOG = System.getLogger(KmsHttpHandler.class.getName());

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Function<JsonRequest, JsonNode>> operations;
    private final Map<String, LongAdder> counts;

    KmsHttpHandler(Map<String, Function<JsonRequest, JsonNode>> operations) {
        this.operations = Map.copyOf(operations);
        this.counts = operations.keySet().stream()
                .collect(Collectors.toUnmodifiableMap(op -> op, op -> new LongAdder()));
    }

    /** Calls per operation so far; failed calls count too, as each was a round trip a real KMS would serve. */
    Map<String, Long> counts() {
        var snapshot = new TreeMap<String, Long>();
        counts.forEach((op, adder) -> {
            long count = adder.sum();
            if (count > 0) {
                snapshot.put(op, count);
            }
        });
        return snapshot;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            int status = 200;
            JsonNode response;
            try {
                response = dispatch(exchange, request);
            } catch (KmsError e) {
                status = e.status();
                response = json.createObjectNode().put("__type", e.type()).put("message", e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "local KMS failed on a request", e);
                status = 500;
                response = json.createObjectNode().put("__type", "KMSInternalException").put("message", e.toString());
            }
            byte[] body = json.writeValueAsBytes(response);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private JsonNode dispatch(HttpExchange exchange, byte[] request) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target != null && target.startsWith(TARGET_PREFIX)
                ? target.substring(TARGET_PREFIX.length())
                : null;
        // Map.copyOf rejects null lookups, hence the explicit check for a missing target.
        if (operation == null || !operations.containsKey(operation) || !"POST".equals(exchange.getRequestMethod())
                || !"/".equals(exchange.getRequestURI().getPath())) {
            throw KmsError.of("UnknownOperationException", "Expected POST / with X-Amz-Target: " + TARGET_PREFIX
                    + "<one of " + new TreeSet<>(operations.keySet()) + ">, got " + exchange.getRequestMethod()
                    + " " + exchange.getRequestURI() + " with target " + target);
        }
        counts.get(operation).increment();
        return operations.get(operation).apply(new JsonRequest(parse(request)));
    }

    private JsonNode parse(byte[] request) {
        if (request.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(request);
            if (node == null || !node.isObject()) {
                throw KmsError.serialization("The request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw KmsError.serialization("The request body is not valid JSON: " + e.getMessage());
        }
    }
}
