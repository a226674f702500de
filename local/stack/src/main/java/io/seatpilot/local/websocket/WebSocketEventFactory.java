package io.seatpilot.local.websocket;

import io.seatpilot.local.aws.LocalAccount;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The events API Gateway sends a WebSocket API's Lambda proxy integrations: CONNECT carries the handshake's
 * headers and query string, MESSAGE the frame's text, DISCONNECT the close code and reason; every one carries
 * the connection id, stage and domain in requestContext.
 */
final class WebSocketEventFactory {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String apiId;
    private final String stage;
    private final String domainName;

    WebSocketEventFactory(String apiId, String stage, String domainName) {
        this.apiId = apiId;
        this.stage = stage;
        this.domainName = domainName;
    }

    /** The handshake as the $connect route sees it. */
    record Handshake(String connectionId, Instant connectedAt, String rawQuery, Map<String, List<String>> headers,
                     String sourceIp) {

        String userAgent() {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("user-agent"))
                    .flatMap(h -> h.getValue().stream()).findFirst().orElse("");
        }
    }

    /** API Gateway's connection ids: 12 random bytes, base64 (URL-safe here, since they go into @connections paths). */
    static String newConnectionId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    Map<String, Object> connect(Handshake handshake, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        handshake.headers().forEach((name, values) -> headers.put(name, values.getLast()));
        event.put("headers", headers);
        event.put("multiValueHeaders", handshake.headers());
        Map<String, List<String>> query = queryParameters(handshake.rawQuery());
        if (!query.isEmpty()) {
            Map<String, String> single = new LinkedHashMap<>();
            query.forEach((name, values) -> single.put(name, values.getLast()));
            event.put("queryStringParameters", single);
            event.put("multiValueQueryStringParameters", query);
        }
        event.put("requestContext", requestContext(WebSocketApiDefinition.CONNECT, "CONNECT", handshake.connectionId(),
                handshake.connectedAt(), handshake.sourceIp(), handshake.userAgent(), now));
        event.put("isBase64Encoded", false);
        return event;
    }

    Map<String, Object> message(String routeKey, Connection connection, String body, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        Map<String, Object> context = requestContext(routeKey, "MESSAGE", connection.id(), connection.connectedAt(),
                connection.sourceIp(), connection.userAgent(), now);
        context.put("messageId", newConnectionId());
        event.put("requestContext", context);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    Map<String, Object> disconnect(Connection connection, int statusCode, String reason, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("headers", Map.of("Host", domainName));
        Map<String, Object> context = requestContext(WebSocketApiDefinition.DISCONNECT, "DISCONNECT", connection.id(),
                connection.connectedAt(), connection.sourceIp(), connection.userAgent(), now);
        context.put("disconnectStatusCode", statusCode);
        context.put("disconnectReason", reason);
        event.put("requestContext", context);
        event.put("isBase64Encoded", false);
        return event;
    }

    private Map<String, Object> requestContext(String routeKey, String eventType, String connectionId, Instant connectedAt,
                                               String sourceIp, String userAgent, Instant now) {
        String requestId = newConnectionId();
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", sourceIp);
        identity.put("userAgent", userAgent);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("routeKey", routeKey);
        context.put("eventType", eventType);
        context.put("extendedRequestId", requestId);
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("messageDirection", "IN");
        context.put("stage", stage);
        context.put("connectedAt", connectedAt.toEpochMilli());
        context.put("requestTimeEpoch", now.toEpochMilli());
        context.put("identity", identity);
        context.put("requestId", requestId);
        context.put("domainName", domainName);
        context.put("connectionId", connectionId);
        context.put("apiId", apiId);
        context.put("accountId", LocalAccount.ACCOUNT_ID);
        return context;
    }

    /** Every value of every parameter, in order; the single-value map keeps the last, as API Gateway does. */
    static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }
}
