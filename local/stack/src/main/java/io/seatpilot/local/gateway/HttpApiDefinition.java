package io.seatpilot.local.gateway;

import io.seatpilot.local.aws.ResourceTypes;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.local.lambda.FunctionEvent;
import io.seatpilot.local.template.IntrinsicResolver;
import io.seatpilot.local.template.ResolvedProperties;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateException;
import io.seatpilot.local.template.TemplateResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS::Serverless::HttpApi as the local gateway needs it: CORS and the JWT authorizers. Functions whose
 * HttpApi events name no ApiId belong to the API SAM generates implicitly ({@code ServerlessHttpApi}), which
 * takes its settings from Globals.HttpApi.
 */
public record HttpApiDefinition(String logicalId, Optional<CorsPolicy> cors, Optional<String> defaultAuthorizer,
                                Map<String, JwtAuthorizerSettings> authorizers) {

    public static final String IMPLICIT_API = "ServerlessHttpApi";

    /** A JWT authorizer's settings; {@code identitySource} is e.g. {@code $request.header.Authorization}. */
    public record JwtAuthorizerSettings(String name, String issuer, List<String> audiences, String identitySource) {
    }

    public static Map<String, HttpApiDefinition> read(Template template, IntrinsicResolver resolver,
                                                      List<FunctionDefinition> functions) {
        Map<String, HttpApiDefinition> apis = new LinkedHashMap<>();
        for (TemplateResource api : template.resourcesOfType(ResourceTypes.SERVERLESS_HTTP_API)) {
            if (resolver.isActive(api)) {
                apis.put(api.logicalId(), definition(api.logicalId(), api.properties(), resolver));
            }
        }
        boolean implicitUsed = functions.stream().flatMap(f -> f.events(FunctionEvent.HttpApi.class).stream())
                .anyMatch(event -> event.apiId().isEmpty());
        if (implicitUsed) {
            Object globals = template.globals().get("HttpApi");
            Map<String, Object> properties = globals == null ? Map.of() : ResolvedProperties.of("Globals.HttpApi", globals).values();
            apis.put(IMPLICIT_API, definition(IMPLICIT_API, properties, resolver));
        }
        return apis;
    }

    /** Only Auth and CorsConfiguration are resolved: the rest (domains, logging, …) has no local meaning. */
    private static HttpApiDefinition definition(String logicalId, Map<String, Object> properties, IntrinsicResolver resolver) {
        var auth = ResolvedProperties.of(logicalId + ".Auth", resolver.resolve(properties.get("Auth")));
        Map<String, JwtAuthorizerSettings> authorizers = new LinkedHashMap<>();
        auth.map("Authorizers").ifPresent(all -> all.values().keySet().forEach(name -> {
            var authorizer = all.map(name).orElseThrow();
            var jwt = authorizer.map("JwtConfiguration").orElseThrow(() -> new TemplateException(logicalId + " authorizer "
                    + name + " is not a JWT authorizer; the local gateway only emulates JWT authorizers"));
            authorizers.put(name, new JwtAuthorizerSettings(name, jwt.requiredString("issuer"), jwt.strings("audience"),
                    authorizer.string("IdentitySource").orElse("$request.header.Authorization")));
        }));
        return new HttpApiDefinition(logicalId, CorsPolicy.from(resolver.resolve(properties.get("CorsConfiguration"))),
                auth.string("DefaultAuthorizer"), authorizers);
    }
}
