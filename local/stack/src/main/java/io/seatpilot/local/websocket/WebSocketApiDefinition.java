package io.seatpilot.local.websocket;

import io.seatpilot.local.aws.ResourceTypes;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.local.template.IntrinsicResolver;
import io.seatpilot.local.template.ResolvedProperties;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateException;
import io.seatpilot.local.template.TemplateResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS::ApiGatewayV2::Api of ProtocolType WEBSOCKET as the local gateway serves it: its route selection
 * expression, its stage and every route whose target is a Lambda proxy integration of a template function.
 * SAM has no WebSocket resource, so these are the raw ApiGatewayV2 resources (Api, Route, Integration,
 * RouteResponse, Stage).
 */
public record WebSocketApiDefinition(String logicalId, String routeSelectionExpression, String stage,
                                     Map<String, WebSocketRoute> routes) {

    public static final String CONNECT = "$connect";
    public static final String DISCONNECT = "$disconnect";
    public static final String DEFAULT = "$default";

    /** A Lambda proxy integration's URI names the function's ARN between these two parts. */
    private static final Pattern LAMBDA_URI = Pattern.compile("^arn:[^:]+:apigateway:[^:]*:lambda:path/[^/]+/functions/(.+)/invocations$");

    /**
     * A route and the function behind it; {@code twoWay} routes have a route response, so API Gateway sends the
     * function's response body back to the client.
     */
    public record WebSocketRoute(String routeKey, String logicalId, String functionLogicalId, boolean twoWay) {
    }

    public WebSocketApiDefinition {
        routes = Map.copyOf(routes);
    }

    public Optional<WebSocketRoute> route(String routeKey) {
        return Optional.ofNullable(routes.get(routeKey));
    }

    /** Every active WebSocket API of the template, by logical id. */
    public static List<WebSocketApiDefinition> read(Template template, IntrinsicResolver resolver,
                                                    List<FunctionDefinition> functions) {
        return template.resourcesOfType(ResourceTypes.API_V2).stream().filter(resolver::isActive)
                .filter(api -> "WEBSOCKET".equals(resolver.resolveString(api.properties().get("ProtocolType"))))
                .map(api -> definition(template, api, resolver, functions)).toList();
    }

    private static WebSocketApiDefinition definition(Template template, TemplateResource api, IntrinsicResolver resolver,
                                                     List<FunctionDefinition> functions) {
        var properties = ResolvedProperties.of(api.logicalId(), resolver.resolve(api.properties()));
        String selection = properties.string("RouteSelectionExpression").orElse("$request.body.action");
        String stage = belongingTo(template, ResourceTypes.API_V2_STAGE, api, resolver).findFirst()
                .map(s -> ResolvedProperties.of(s.logicalId(), resolver.resolve(s.properties())).requiredString("StageName"))
                .orElse("$default");
        Map<String, WebSocketRoute> routes = new LinkedHashMap<>();
        belongingTo(template, ResourceTypes.API_V2_ROUTE, api, resolver).forEach(route -> {
            var p = ResolvedProperties.of(route.logicalId(), resolver.resolve(route.properties()));
            String routeKey = p.requiredString("RouteKey");
            String target = p.requiredString("Target");
            if (!target.startsWith("integrations/")) {
                throw new TemplateException(route.logicalId() + ".Target must be integrations/<id>, got " + target);
            }
            String function = integrationFunction(template, target.substring("integrations/".length()), resolver, functions);
            boolean twoWay = template.resourcesOfType(ResourceTypes.API_V2_ROUTE_RESPONSE).stream().filter(resolver::isActive)
                    .anyMatch(response -> route.logicalId().equals(resolver.resolveString(response.properties().get("RouteId"))));
            routes.put(routeKey, new WebSocketRoute(routeKey, route.logicalId(), function, twoWay));
        });
        return new WebSocketApiDefinition(api.logicalId(), selection, stage, routes);
    }

    /** Resources of a type whose ApiId refers to the API (Ref of an API resolves to its logical id locally). */
    private static Stream<TemplateResource> belongingTo(Template template, String type, TemplateResource api,
                                                     IntrinsicResolver resolver) {
        return template.resourcesOfType(type).stream().filter(resolver::isActive)
                .filter(r -> api.logicalId().equals(resolver.resolveString(r.properties().get("ApiId"))));
    }

    private static String integrationFunction(Template template, String integrationId, IntrinsicResolver resolver,
                                              List<FunctionDefinition> functions) {
        TemplateResource integration = template.resource(integrationId).filter(r -> r.type().equals(ResourceTypes.API_V2_INTEGRATION))
                .orElseThrow(() -> new TemplateException("No " + ResourceTypes.API_V2_INTEGRATION + " " + integrationId));
        var p = ResolvedProperties.of(integrationId, resolver.resolve(integration.properties()));
        if (!"AWS_PROXY".equals(p.string("IntegrationType").orElse(""))) {
            throw new TemplateException(integrationId + ": the local gateway only serves AWS_PROXY (Lambda) integrations");
        }
        String uri = p.requiredString("IntegrationUri");
        Matcher lambda = LAMBDA_URI.matcher(uri);
        String arn = lambda.matches() ? lambda.group(1) : uri;
        // A qualified ARN (…:function:name:alias) runs the same local function: there is one version locally.
        return functions.stream().filter(f -> f.arn().equals(arn) || arn.startsWith(f.arn() + ":"))
                .map(FunctionDefinition::logicalId).findFirst()
                .orElseThrow(() -> new TemplateException(integrationId + " invokes " + arn + ", which is no function of the template"));
    }
}
