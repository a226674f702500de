package io.seatpilot.local.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.local.lambda.FunctionEvent;
import io.seatpilot.local.template.TemplateException;
import java.util.Locale;

/**
 * Selects the route for a request the way an HTTP API does: the most specific path wins (literal segments over
 * path variables over a greedy {@code {proxy+}}), an exact method wins over {@code ANY}, and {@code $default}
 * catches whatever nothing else matched.
 */
public final class RouteTable {

    private static final Comparator<Route> PRECEDENCE = Comparator
            .comparing((Route route) -> route.path().isEmpty())
            .thenComparing(route -> route.path().orElse(null), Comparator.nullsLast(PathTemplate.MOST_SPECIFIC_FIRST))
            .thenComparing(route -> route.method().equals("ANY"));

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        Set<String> keys = new HashSet<>();
        for (Route route : routes) {
            if (!keys.add(route.routeKey())) {
                    throw new TemplateException("Two functions declare the route " + route.routeKey());
            }
        }
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(PRECEDENCE);
        this.routes = List.copyOf(sorted);
    }

    /**
     * The routes of every function's HttpApi events. A route without Auth.Authorizer uses its API's
     * DefaultAuthorizer; {@code NONE} opens it.
     */
    public static RouteTable of(List<FunctionDefinition> functions, Map<String, HttpApiDefinition> apis,
                                Function<HttpApiDefinition.JwtAuthorizerSettings, JwtAuthorizer> authorizers) {
        List<Route> routes = new ArrayList<>();
        for (FunctionDefinition function : functions) {
            for (FunctionEvent.HttpApi event : function.events(FunctionEvent.HttpApi.class)) {
                String apiId = event.apiId().orElse(HttpApiDefinition.IMPLICIT_API);
                HttpApiDefinition api = apis.get(apiId);
                if (api == null) {
                    throw new TemplateException(function.logicalId() + "." + event.name() + " names ApiId " + apiId
                            + ", which is not an AWS::Serverless::HttpApi of the template");
                }
                Optional<String> authorizerName = event.authorizer().or(api::defaultAuthorizer).filter(name -> !name.equals("NONE"));
                Route.RouteAuth auth = authorizerName.<Route.RouteAuth>map(name -> {
                    var settings = api.authorizers().get(name);
                    if (settings == null) {
                        throw new TemplateException(function.logicalId() + "." + event.name() + " uses authorizer " + name
                                + ", which " + apiId + " does not define");
                    }
                    return new Route.RouteAuth.Jwt(name, authorizers.apply(settings), event.authorizationScopes());
                }).orElseGet(Route.RouteAuth.Open::new);
                routes.add(new Route(apiId, event.method().toUpperCase(Locale.ROOT), event.path().map(PathTemplate::parse),
                        function.logicalId(), auth));
            }
        }
        return new RouteTable(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    public Optional<RouteMatch> match(String method, String rawPath) {
        for (Route route : routes) {
            if (!route.accepts(method)) {
                continue;
            }
            Optional<Map<String, String>> parameters = route.path().map(p -> p.match(rawPath)).orElse(Optional.of(Map.of()));
            if (parameters.isPresent()) {
                return Optional.of(new RouteMatch(route, parameters.get()));
            }
        }
        return Optional.empty();
    }

    /** The route that owns a path for any method, which decides whose CORS settings answer a preflight. */
    Optional<Route> anyRouteFor(String rawPath) {
        return routes.stream().filter(route -> route.path().flatMap(p -> p.match(rawPath)).isPresent()).findFirst();
    }
}
