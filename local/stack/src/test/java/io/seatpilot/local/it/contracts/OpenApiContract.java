package io.seatpilot.local.it.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.gateway.HttpApiGateway;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Judges one recorded exchange by openapi.yaml: the operation, the status, the media type and the body's schema. */
final class OpenApiContract {

    private final Contracts contracts;

    private OpenApiContract(Contracts contracts) {
        this.contracts = contracts;
    }

    static OpenApiContract load() {
        return new OpenApiContract(Contracts.openApi());
    }

    /** What the document says against this exchange, if anything. */
    Optional<String> check(HttpApiGateway.Exchange exchange) {
        String name = exchange.routeKey() + " → " + exchange.status();
        String[] route = exchange.routeKey().split(" ", 2);
        String method = route[0].toLowerCase(Locale.ROOT);
        JsonNode operation = contracts.document().path("paths").path(route[1]).path(method);
        if (operation.isMissingNode()) {
            return Optional.of(name + ": the document has no operation " + exchange.routeKey());
        }
        String status = Integer.toString(exchange.status());
        JsonNode response = resolve(operation.path("responses").path(status));
        if (response.isMissingNode()) {
            return Optional.of(name + ": status " + status + " is not among the operation's responses "
                    + iterate(operation.path("responses").fieldNames()) + " (" + text(exchange.body()) + ")");
        }
        if (exchange.body().length == 0) {
            return response.has("content") ? Optional.of(name + ": no body, but the document describes one") : Optional.empty();
        }
        String mediaType = exchange.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!response.path("content").has(mediaType)) {
            return Optional.of(name + ": media type " + mediaType + " is not among " + iterate(response.path("content").fieldNames()));
        }
        if (!mediaType.endsWith("json")) {
            // a page or a calendar entry for people and their apps: its media type is the contract, not a schema
            return Optional.empty();
        }
        JsonNode body = Contracts.json(exchange.body());
        if (body == null) {
            return Optional.of(name + ": the body is not JSON: " + text(exchange.body()));
        }
        String pointer = pointerOf(operation, route[1], method, status) + "/content/" + Contracts.escape(mediaType) + "/schema";
        var violations = contracts.validate(pointer, body);
        if (!violations.isEmpty()) {
            return Optional.of(name + ": " + violations.stream().map(Object::toString).collect(Collectors.joining("; "))
                    + " in " + text(exchange.body()));
        }
        // 207 took part of the request only (its bad envelopes are the point); every other 2xx took all of it
        return exchange.status() < 300 && exchange.status() != 207 ? checkRequest(exchange, name, operation, route[1], method) : Optional.empty();
    }

    /** A request the server took (2xx) must be one the document describes. */
    private Optional<String> checkRequest(HttpApiGateway.Exchange exchange, String name, JsonNode operation, String path, String method) {
        if (exchange.requestBody().length == 0) {
            return operation.path("requestBody").path("required").asBoolean(false)
                    ? Optional.of(name + ": taken without the body the document requires") : Optional.empty();
        }
        String mediaType = exchange.requestHeaders().getOrDefault("content-type", List.of("application/json")).getFirst()
                .split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode requestBody = operation.path("requestBody");
        if (!requestBody.path("content").has(mediaType)) {
            return Optional.of(name + ": a " + mediaType + " request body was taken but the document describes "
                    + iterate(requestBody.path("content").fieldNames()));
        }
        if (!mediaType.endsWith("json")) {
            return Optional.empty();
        }
        JsonNode body = Contracts.json(exchange.requestBody());
        var violations = contracts.validate(Contracts.pointer(List.of("paths", path, method, "requestBody", "content", mediaType, "schema")), body);
        return violations.isEmpty() ? Optional.empty() : Optional.of(name + ": the request the server took contradicts its schema: "
                + violations.stream().map(Object::toString).collect(Collectors.joining("; ")) + " in " + text(exchange.requestBody()));
    }

    /** Responses may be {@code $ref}s to {@code #/components/responses/…}. */
    private JsonNode resolve(JsonNode response) {
        if (response.has("$ref")) {
            return contracts.document().at(response.get("$ref").asText().substring(1));
        }
        return response;
    }

    private static String pointerOf(JsonNode operation, String path, String method, String status) {
        JsonNode declared = operation.path("responses").path(status);
        return declared.has("$ref") ? declared.get("$ref").asText().substring(1)
                : Contracts.pointer(List.of("paths", path, method, "responses", status));
    }

    private static String iterate(java.util.Iterator<String> names) {
        List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        return all.toString();
    }

    private static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
