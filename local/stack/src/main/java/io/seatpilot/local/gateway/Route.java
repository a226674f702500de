package io.seatpilot.local.gateway;

import java.util.List;
import java.util.Optional;

/**
 * One HTTP API route from a function's HttpApi event: method ({@code ANY} matches all), path (empty for the
 * {@code $default} route), the function it invokes and how it is authorised.
 */
public record Route(String apiId, String method, Optional<PathTemplate> path, String functionLogicalId, RouteAuth auth) {

    public String routeKey() {
        return path.map(p -> method + " " + p.text()).orElse("$default");
    }

    boolean accepts(String requestMethod) {
        return method.equals("ANY") || method.equalsIgnoreCase(requestMethod);
    }

    /** Whether and how a route checks the caller before its function runs. */
    public sealed interface RouteAuth {

        record Open() implements RouteAuth {
        }

        /** A JWT authorizer; a non-empty scope list requires the token to carry at least one of them. */
        record Jwt(String authorizerName, JwtAuthorizer authorizer, List<String> scopes) implements RouteAuth {
        }
    }
}
