package io.seatpilot.local.lambda;

import io.seatpilot.local.aws.LocalAccount;
import io.seatpilot.local.aws.LocalResources;
import io.seatpilot.local.aws.ProvisionedResource;
import io.seatpilot.local.aws.ResourceTypes;
import io.seatpilot.local.template.Intrinsics;
import io.seatpilot.local.template.IntrinsicResolver;
import io.seatpilot.local.template.ResolvedProperties;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateException;
import io.seatpilot.local.template.TemplateResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Reads every AWS::Serverless::Function of the template (Globals already merged) into what the stack runs. */
public final class FunctionCatalog {

    /** Lambda's defaults when the template leaves Timeout and MemorySize out. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int DEFAULT_MEMORY_MB = 128;
    private static final Set<String> SUPPORTED_EVENT_TYPES = Set.of("HttpApi", "SQS", "DynamoDB", "Schedule");

    private FunctionCatalog() {
    }

    /**
     * @param credentials the container credentials variables of a function, by logical id (Lambda's, per function)
     */
    public static List<FunctionDefinition> read(Template template, IntrinsicResolver resolver, LocalResources resources,
                                                StackEndpoints endpoints, Function<String, Map<String, String>> credentials) {
        List<TemplateResource> functions = template.resourcesOfType(ResourceTypes.SERVERLESS_FUNCTION).stream()
                .filter(resolver::isActive).toList();
        // Names first: one function's environment may Ref another function.
        Map<String, String> names = new LinkedHashMap<>();
        for (TemplateResource function : functions) {
            String name = Optional.ofNullable(resolver.resolveString(function.properties().get("FunctionName")))
                    .orElse(function.logicalId());
            names.put(function.logicalId(), name);
            resources.register(new ProvisionedResource(function.logicalId(), function.type(), name,
                    Map.of("Arn", LocalAccount.arn("lambda", "function:" + name))));
        }
        List<FunctionDefinition> definitions = new ArrayList<>();
        for (TemplateResource function : functions) {
            try {
                definitions.add(definition(function, names.get(function.logicalId()), resolver, endpoints,
                        credentials.apply(function.logicalId())));
            } catch (RuntimeException e) {
                throw new TemplateException("Cannot read function " + function.logicalId() + ": " + e.getMessage(), e);
            }
        }
        return definitions;
    }

    private static FunctionDefinition definition(TemplateResource function, String name, IntrinsicResolver resolver,
                                                 StackEndpoints endpoints, Map<String, String> credentials) {
        Map<String, Object> raw = function.properties();
        var scalars = ResolvedProperties.of(function.logicalId(), resolver.resolve(Map.of(
                "Handler", raw.getOrDefault("Handler", ""),
                "Timeout", raw.getOrDefault("Timeout", DEFAULT_TIMEOUT_SECONDS),
                "MemorySize", raw.getOrDefault("MemorySize", DEFAULT_MEMORY_MB),
                "CodeUri", raw.getOrDefault("CodeUri", ""))));
        String handler = scalars.requiredString("Handler");
        int memory = scalars.integer("MemorySize").orElse(DEFAULT_MEMORY_MB);
        Map<String, String> environment = new LinkedHashMap<>();
        Optional.ofNullable(raw.get("Environment"))
                .flatMap(env -> ResolvedProperties.of(function.logicalId(), resolver.resolve(env)).map("Variables"))
                .ifPresent(variables -> variables.values().forEach((key, value) -> {
                    if (value != null) {
                        environment.put(key, String.valueOf(value));
                    }
                }));
        environment.putAll(lambdaProvided(name, handler, memory, endpoints));
        environment.putAll(credentials);
        return new FunctionDefinition(function.logicalId(), name, handler,
                Duration.ofSeconds(scalars.integer("Timeout").orElse(DEFAULT_TIMEOUT_SECONDS)), memory, environment,
                events(function, resolver), scalars.string("CodeUri").filter(uri -> !uri.isBlank()));
    }

    /**
     * What Lambda sets for every function (its reserved variables; credentials come from the container endpoint, as
     * under SnapStart, never as access key variables), plus what the SDK inside the function needs to reach the
     * local stand-ins instead of AWS (the SDK's own AWS_ENDPOINT_URL_&lt;SERVICE&gt; convention).
     */
    private static Map<String, String> lambdaProvided(String name, String handler, int memory, StackEndpoints endpoints) {
        Map<String, String> provided = new LinkedHashMap<>();
        provided.put("AWS_REGION", LocalAccount.REGION);
        provided.put("AWS_DEFAULT_REGION", LocalAccount.REGION);
        provided.put("AWS_LAMBDA_FUNCTION_NAME", name);
        provided.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        provided.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memory));
        provided.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        provided.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]local");
        provided.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        provided.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        provided.put("TZ", ":UTC");
        provided.put("_HANDLER", handler);
        provided.put("AWS_ENDPOINT_URL_DYNAMODB", endpoints.dynamoDb().toString());
        provided.put("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", endpoints.dynamoDb().toString());
        provided.put("AWS_ENDPOINT_URL_SQS", endpoints.sqs().toString());
        provided.put("AWS_ENDPOINT_URL_KMS", endpoints.kms().toString());
        provided.put("AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI", endpoints.apiGatewayManagement().toString());
        provided.put("AWS_ENDPOINT_URL_COGNITO_IDP", endpoints.cognitoIdp().toString());
        provided.put("AWS_ENDPOINT_URL_SESV2", endpoints.sesV2().toString());
        provided.put("AWS_ENDPOINT_URL_SNS", endpoints.sns().toString());
        return provided;
    }

    private static List<FunctionEvent> events(TemplateResource function, IntrinsicResolver resolver) {
        Object events = function.properties().get("Events");
        if (events == null) {
            return List.of();
        }
        List<FunctionEvent> result = new ArrayList<>();
        Intrinsics.asMap(events).forEach((name, value) -> {
            Map<String, Object> event = Intrinsics.asMap(value);
            String type = String.valueOf(event.get("Type"));
            if (!SUPPORTED_EVENT_TYPES.contains(type)) {
                // Not resolved: its properties may use intrinsics the local stack cannot evaluate.
                result.add(new FunctionEvent.Unsupported(name, type));
                return;
            }
            var properties = ResolvedProperties.of(function.logicalId() + "." + name, resolver.resolve(event.get("Properties")));
            result.add(event(name, type, properties));
        });
        return result;
    }

    private static FunctionEvent event(String name, String type, ResolvedProperties p) {
        return switch (type) {
            case "HttpApi" -> new FunctionEvent.HttpApi(name, p.string("ApiId"), p.string("Method").orElse("ANY"),
                    p.string("Path"), p.map("Auth").flatMap(auth -> auth.string("Authorizer")),
                    p.map("Auth").map(auth -> auth.strings("AuthorizationScopes")).orElse(List.of()));
            case "SQS" -> new FunctionEvent.Sqs(name, p.requiredString("Queue"), p.integer("BatchSize").orElse(10),
                    p.integer("MaximumBatchingWindowInSeconds").orElse(0), reportsBatchItemFailures(p),
                    p.flag("Enabled", true));
            case "DynamoDB" -> new FunctionEvent.DynamoDb(name, p.requiredString("Stream"),
                    p.requiredString("StartingPosition"), p.integer("BatchSize").orElse(100),
                    p.integer("MaximumBatchingWindowInSeconds").orElse(0), reportsBatchItemFailures(p),
                    p.integer("MaximumRetryAttempts").filter(n -> n >= 0), p.flag("Enabled", true));
            case "Schedule" -> new FunctionEvent.Schedule(name, p.requiredString("Schedule"), p.string("Input"),
                    p.flag("Enabled", true) && !p.string("State").orElse("ENABLED").equals("DISABLED"));
            default -> throw new IllegalArgumentException("Not a supported event type: " + type);
        };
    }

    private static boolean reportsBatchItemFailures(ResolvedProperties p) {
        return p.strings("FunctionResponseTypes").contains("ReportBatchItemFailures");
    }
}
