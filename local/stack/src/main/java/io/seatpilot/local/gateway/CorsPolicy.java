package io.seatpilot.local.gateway;

import io.seatpilot.local.template.ResolvedProperties;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP API's CorsConfiguration as API Gateway applies it: it answers preflight requests itself (no function
 * runs), and on other responses to an allowed origin it sets the CORS headers, replacing any the function set.
 */
public record CorsPolicy(List<String> allowOrigins, List<String> allowHeaders, List<String> allowMethods,
                         List<String> exposeHeaders, Optional<Integer> maxAge, boolean allowCredentials) {

    /** SAM's {@code CorsConfiguration: true}: any origin, header and method. */
    static final CorsPolicy ALLOW_ALL = new CorsPolicy(List.of("*"), List.of("*"), List.of("*"), List.of(), Optional.empty(), false);

    static Optional<CorsPolicy> from(Object configuration) {
        return switch (configuration) {
            case null -> Optional.empty();
            case Boolean enabled -> enabled ? Optional.of(ALLOW_ALL) : Optional.empty();
            case Map<?, ?> map -> {
                var cors = ResolvedProperties.of("CorsConfiguration", map);
                yield Optional.of(new CorsPolicy(cors.strings("AllowOrigins"), cors.strings("AllowHeaders"),
                        cors.strings("AllowMethods"), cors.strings("ExposeHeaders"), cors.integer("MaxAge"),
                        cors.flag("AllowCredentials", false)));
            }
            default -> throw new IllegalArgumentException("CorsConfiguration must be true/false or a map: " + configuration);
        };
    }

    /** A browser's preflight: OPTIONS with Origin and Access-Control-Request-Method. */
    static boolean isPreflight(GatewayRequest request) {
        return request.method().equals("OPTIONS") && request.header("origin").isPresent()
                && request.header("access-control-request-method").isPresent();
    }

    /** The headers of API Gateway's 204 answer to a preflight request. */
    Map<String, String> preflightHeaders(String origin) {
        Map<String, String> headers = new TreeMap<>();
        allowedOrigin(origin).ifPresent(allowed -> {
            headers.put("access-control-allow-origin", allowed);
            headers.put("access-control-allow-methods", String.join(",", allowMethods));
            if (!allowHeaders.isEmpty()) {
                headers.put("access-control-allow-headers", String.join(",", allowHeaders));
            }
            maxAge.ifPresent(seconds -> headers.put("access-control-max-age", String.valueOf(seconds)));
            if (allowCredentials) {
                headers.put("access-control-allow-credentials", "true");
            }
        });
        return headers;
    }

    /** The CORS headers API Gateway puts on a function's response for this request's origin. */
    Map<String, String> responseHeaders(Optional<String> origin) {
        Map<String, String> headers = new TreeMap<>();
        origin.flatMap(this::allowedOrigin).ifPresent(allowed -> {
            headers.put("access-control-allow-origin", allowed);
            if (!exposeHeaders.isEmpty()) {
                headers.put("access-control-expose-headers", String.join(",", exposeHeaders));
            }
            if (allowCredentials) {
                headers.put("access-control-allow-credentials", "true");
            }
        });
        return headers;
    }

    static boolean isCorsHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("access-control-");
    }

    private Optional<String> allowedOrigin(String origin) {
        if (allowOrigins.contains("*")) {
            // With credentials a browser refuses "*", so the gateway names the caller's origin instead.
            return Optional.of(allowCredentials ? origin : "*");
        }
        return allowOrigins.stream().filter(allowed -> allowed.equalsIgnoreCase(origin)).findFirst().map(allowed -> origin);
    }
}
