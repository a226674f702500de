package io.seatpilot.local.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An HTTP response of the local gateway; headers may repeat (Set-Cookie). */
record GatewayResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final class MalformedResponse extends Exception {
        MalformedResponse(String message) {
            super(message);
        }
    }

    /** API Gateway's own answers: {@code {"message":"Not Found"}} and the like. */
    static GatewayResponse message(int status, String message) {
        return json(status, Map.of("message", message));
    }

    static GatewayResponse json(int status, Object body) {
        try {
            return new GatewayResponse(status, new ArrayList<>(List.of(Map.entry("content-type", "application/json"))),
                    JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serialisable as JSON: " + body, e);
        }
    }

    /** A header's first value; names compare case-insensitively, as HTTP's do. */
    Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    GatewayResponse withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new GatewayResponse(status, more, body);
    }

    /**
     * A function's response read the way an HTTP API reads payload format 2.0: an object with
     * {@code statusCode} is taken field by field (headers, multiValueHeaders, cookies as Set-Cookie, body,
     * isBase64Encoded); any other valid JSON is the body of a 200 application/json answer. Anything unreadable
     * is the function's fault, which API Gateway answers with 500.
     */
    static GatewayResponse fromLambda(String payload) throws MalformedResponse {
        JsonNode response;
        try {
            response = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new MalformedResponse("the function's response is not JSON");
        }
        if (response == null || !response.isObject() || !response.has("statusCode")) {
            return new GatewayResponse(200, List.of(Map.entry("content-type", "application/json")),
                    payload.getBytes(StandardCharsets.UTF_8));
        }
        JsonNode status = response.get("statusCode");
        if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            throw new MalformedResponse("statusCode " + status + " is not an HTTP status");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.path("headers").properties().forEach(h -> headers.add(Map.entry(h.getKey(), h.getValue().asText())));
        response.path("multiValueHeaders").properties().forEach(h ->
                h.getValue().forEach(value -> headers.add(Map.entry(h.getKey(), value.asText()))));
        response.path("cookies").forEach(cookie -> headers.add(Map.entry("set-cookie", cookie.asText())));
        return new GatewayResponse(status.asInt(), headers, body(response));
    }

    private static byte[] body(JsonNode response) throws MalformedResponse {
        JsonNode body = response.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        if (response.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                throw new MalformedResponse("isBase64Encoded is true but the body is not base64");
            }
        }
        return (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
    }
}
