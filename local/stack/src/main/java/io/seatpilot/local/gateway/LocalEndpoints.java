package io.seatpilot.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import io.seatpilot.local.messaging.OutboxPages;

/**
 * What only the local stack serves, under {@code /local/}: {@code POST /local/tokens} mints a token for any
 * tenant and roles (the local stand-in for signing in), and {@code GET /local/.well-known/jwks.json} publishes
 * the key that signs them; {@code GET /local/outbox} (JSON) and the pages under {@code /local/outbox/} show what
 * the local SES and SNS accepted ({@link OutboxPages}); {@code /local/oauth2/} is the stand-in for the user pool's
 * hosted sign-in ({@link HostedSignIn}). None of this exists in the SAM template or in AWS.
 */
public final class LocalEndpoints {

    static final String PREFIX = "/local/";
    /** The stand-in for Cognito's endpoint (AWS_ENDPOINT_URL_COGNITO_IDP of the functions). */
    public static final String COGNITO_IDP = "/local/cognito-idp";
    /** Cognito publishes a pool's keys at {@code /<pool id>/.well-known/jwks.json}; locally every pool has the issuer's. */
    private static final Pattern COGNITO_JWKS = Pattern.compile("^" + COGNITO_IDP + "/[^/]+/\\.well-known/jwks\\.json$");

    private final LocalTokenIssuer issuer;
    private final OutboxPages outbox;
    private final ObjectMapper json;
    private final HostedSignIn hostedSignIn;

    LocalEndpoints(LocalTokenIssuer issuer, OutboxPages outbox, ObjectMapper json, HostedSignIn hostedSignIn) {
        this.issuer = issuer;
        this.outbox = outbox;
        this.json = json;
        this.hostedSignIn = hostedSignIn;
    }

    GatewayResponse handle(GatewayRequest request) {
        Optional<GatewayResponse> signIn = hostedSignIn.handle(request);
        if (signIn.isPresent()) {
            return signIn.get();
        }
        if (request.rawPath().equals(OutboxPages.PATH) || request.rawPath().startsWith(OutboxPages.PATH + "/")) {
            return request.method().equals("GET") ? outbox(request) : GatewayResponse.message(405, "Method Not Allowed");
        }
        if (request.method().equals("GET") && COGNITO_JWKS.matcher(request.rawPath()).matches()) {
            return jwks();
        }
        return switch (request.method() + " " + request.rawPath()) {
            case "POST /local/tokens" -> token(request.body());
            case "GET /local/.well-known/jwks.json" -> jwks();
            default -> GatewayResponse.message(404, "Not Found");
        };
    }

    private GatewayResponse outbox(GatewayRequest request) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        for (String pair : request.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        OutboxPages.Answer answer = outbox.get(request.rawPath(), query);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("content-type", answer.contentType()));
        headers.addAll(answer.headers().entrySet());
        return new GatewayResponse(answer.status(), headers, answer.body());
    }

    private GatewayResponse jwks() {
        return new GatewayResponse(200, List.of(Map.entry("content-type", "application/json")),
                issuer.publicKeys().toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"tenant_id","roles":[…],"events"?:[…],"sub"?,"ttl_seconds"?}} → {@code {"token","expires_at"}}. */
    private GatewayResponse token(byte[] body) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (IOException e) {
            return GatewayResponse.message(400, "The body must be JSON");
        }
        if (request == null || !request.path("tenant_id").isTextual() || request.path("tenant_id").asText().isBlank()) {
            return GatewayResponse.message(400, "tenant_id (a string) is required");
        }
        Optional<List<String>> roles = strings(request.get("roles"));
        if (roles.isEmpty()) {
            return GatewayResponse.message(400, "roles (an array of strings) is required");
        }
        Optional<List<String>> events = request.has("events") ? strings(request.get("events")) : Optional.of(List.of());
        if (events.isEmpty()) {
            return GatewayResponse.message(400, "events must be an array of strings");
        }
        var token = TokenRequest.of(request.get("tenant_id").asText(), roles.get()).withEvents(events.get());
        if (request.has("sub")) {
            if (!request.get("sub").isTextual()) {
                return GatewayResponse.message(400, "sub must be a string");
            }
            token = token.withSubject(request.get("sub").asText());
        }
        if (request.has("ttl_seconds")) {
            if (!request.get("ttl_seconds").canConvertToLong() || request.get("ttl_seconds").asLong() <= 0) {
                return GatewayResponse.message(400, "ttl_seconds must be a positive whole number");
            }
            token = token.validFor(Duration.ofSeconds(request.get("ttl_seconds").asLong()));
        }
        return GatewayResponse.json(200, Map.of("token", issuer.issue(token),
                "expires_at", issuer.expiry(token).toEpochMilli()));
    }

    private static Optional<List<String>> strings(JsonNode node) {
        if (node == null || !node.isArray()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return Optional.empty();
            }
            values.add(item.asText());
        }
        return Optional.of(values);
    }
}
