package io.seatpilot.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.seatpilot.core.store.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an HTTP API (payload v2) request that handlers use. The path is the contract path without the
 * stage prefix, because that is what devices sign (SPEC §4); the body is kept as the exact bytes received.
 */
public record ApiRequest(String routeKey, String method, String path, Map<String, String> headers, byte[] body,
                         Map<String, String> query, Map<String, String> pathParameters,
                         Map<String, String> claims, String requestId) {

    public static ApiRequest from(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String method = context != null && context.getHttp() != null ? context.getHttp().getMethod() : "GET";
        String stage = context != null ? context.getStage() : null;
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        Map<String, String> claims = Map.of();
        if (context != null && context.getAuthorizer() != null && context.getAuthorizer().getJwt() != null
                && context.getAuthorizer().getJwt().getClaims() != null) {
            claims = Map.copyOf(context.getAuthorizer().getJwt().getClaims());
        }
        // echoed in every answer, logged and stored with quarantined envelopes: a client's id is kept only if it
        // is a short token, anything else is ignored rather than refused (it is a courtesy, not part of the request)
        String requestId = Optional.ofNullable(headers.get("x-request-id")).filter(id -> Ids.REQUEST.matcher(id).matches())
                .orElse(context != null && context.getRequestId() != null ? context.getRequestId()
                        : java.util.UUID.randomUUID().toString());
        return new ApiRequest(event.getRouteKey(), method.toUpperCase(Locale.ROOT), withoutStage(event.getRawPath(), stage),
                Map.copyOf(headers), decodeBody(event), nonNull(event.getQueryStringParameters()),
                nonNull(event.getPathParameters()), claims, requestId);
    }

    private static String withoutStage(String rawPath, String stage) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (stage != null && !stage.isEmpty() && !"$default".equals(stage) && path.startsWith("/" + stage + "/")) {
            return path.substring(stage.length() + 1);
        }
        return path;
    }

    private static byte[] decodeBody(APIGatewayV2HTTPEvent event) {
        if (event.getBody() == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded()
                ? Base64.getDecoder().decode(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> nonNull(Map<String, String> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    /** An integer query parameter; anything else answers 422 naming the parameter. */
    public Optional<Long> longParameter(String name) {
        return queryParameter(name).map(value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw ApiException.field(Reason.VALIDATION_FAILED, name, name + " must be an integer");
            }
        });
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new ApiException(Reason.NOT_FOUND, "Missing path parameter " + name);
        }
        return value;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String contentType() {
        return header("content-type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }
}
