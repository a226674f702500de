package io.seatpilot.local.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.snapstart.SnapStartHooks;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.RepositoryRoot;
import io.seatpilot.local.lambda.DeployedJar;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.local.lambda.FunctionEvent;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function as it is deployed: its handler is loaded from its own {@code CodeUri} jar (the shaded and shrunk
 * {@code lambda.jar}) in a class loader that sees nothing of this test's class path, built with the function's
 * template environment (its execution role, the IAM-strict stand-ins), taken through a SnapStart snapshot (its
 * primer runs), and given one event of the kind its trigger sends — through the Lambda runtime's own serialisers.
 * The rest of the suite runs the functions from the modules' classes (unless run with
 * {@code -Dseatpilot.local.deployedJars=true}); this is what catches a class a jar lacks (a slice not declared, a
 * library excluded too eagerly, a class the shrinker removed although it is reached) before Lambda does.
 */
class DeployableJarsTest {

    private static final LocalStack STACK = SharedStack.get();
    private static final String TENANT = "jar-probe";
    private static final String EVENT = "jar-probe";

    static Stream<String> functions() {
        return STACK.functions().stream().map(FunctionDefinition::logicalId).sorted();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void theDeployedJarInitialisesAndAnswersItsTrigger(String logicalId) throws Exception {
        FunctionDefinition function = STACK.function(logicalId);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (DeployedJar jar = DeployedJar.of(function, RepositoryRoot.locate())) {
            ClassLoader deployed = jar.loader();
            thread.setContextClassLoader(deployed);
            Object handler = initialiseAndSnapshot(jar, function);
            Class<?> type = handler.getClass();
            Method method = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(function.handlerMethod()) && !m.isBridge() && m.getParameterCount() == 2)
                    .findFirst().orElseThrow();
            // The runtime's serialiser loads this class from the jar by name before it reads any AWS event type; here its
            // cache (keyed by name, across loaders) would ask only the first jar, so each jar is asked as it would be.
            Class.forName("org.joda.time.DateTime", true, deployed);
            Class<?> eventType = method.getParameterTypes()[0];
            String event = eventFor(function, eventType.getSimpleName());
            Object answer = invoke(handler, method, serializer(eventType, deployed).fromJson(event),
                    context(method.getParameterTypes()[1], logicalId));
            JsonNode json = answer == null ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(toJson(answer, deployed));
            if (json.has("statusCode")) {
                int status = json.get("statusCode").asInt();
                assertTrue(status >= 200 && status < 500, logicalId + " answered " + status + ": " + json);
            }
            if (eventType.getSimpleName().equals("SQSEvent")) {
                // the probe's message is not one the function can use: reported as that one item's failure, or
                // quarantined — never a lost batch
                assertTrue(json.path("batchItemFailures").isArray(), logicalId + " answered " + json);
            }
            if (eventType == Map.class) {
                // a scheduled run (as the stack's own schedule fires them): it answers what it did
                assertTrue(json.isObject() && !json.isEmpty(), logicalId + " answered " + json);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Lambda's SnapStart init, from the jar alone: the handler is constructed with a snapshot context of its own (the
     * local stack's, defined in the jar's loader by {@link DeployedJar} so that it is a context of the jar's
     * org.crac), then the hooks it registered run as around a snapshot — above all its primer, which sends the
     * function's real first-call paths through the jar's SDK marshallers, Jackson and schemas. A class the shrunk jar
     * lacks on those paths fails here, as the snapshot would fail in Lambda.
     */
    private static Object initialiseAndSnapshot(DeployedJar jar, FunctionDefinition function) throws Exception {
        Object snapshot = jar.snapshot();
        String id = function.logicalId() + "#deployed-jar";
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.put(SnapStartHooks.LOCAL_CONTEXT, id);
        Object handler;
        try (var hosted = jar.host(id, snapshot)) {
            handler = jar.loader().loadClass(function.handlerClass()).getConstructor(Map.class).newInstance(environment);
        }
        List<String> registered = jar.registered(snapshot);
        assertTrue(registered.contains(Priming.class.getName()), function.logicalId() + " registers a primer; it registered " + registered);
        jar.checkpointAndRestore(snapshot);
        return handler;
    }

    /**
     * One event of the function's trigger: a request on its first route, as the gateway's JWT authorizer passes it
     * on (claims of an admin of a tenant of its own, and the same person's token for routes verified in-function);
     * a message its queue could deliver; an empty stream batch; a WebSocket connect without credentials; EventBridge's
     * scheduled event for a function on a schedule (taken as a map).
     */
    private static String eventFor(FunctionDefinition function, String eventType) throws Exception {
        return switch (eventType) {
            case "APIGatewayV2HTTPEvent" -> httpEvent(function);
            case "APIGatewayV2WebSocketEvent" -> Json.write(Map.of(
                    "requestContext", Map.of("routeKey", "$connect", "eventType", "CONNECT", "connectionId", "jar-probe-connection",
                            "requestId", "jar-probe-request", "domainName", "localhost", "stage", "dev"),
                    "headers", Map.of(), "queryStringParameters", Map.of(), "isBase64Encoded", false));
            case "SQSEvent" -> Json.write(Map.of("Records", List.of(Map.of("messageId", "jar-probe-message", "receiptHandle", "r",
                    "body", "{}", "attributes", Map.of("ApproximateReceiveCount", "1"), "messageAttributes", Map.of(),
                    "eventSource", "aws:sqs", "awsRegion", "us-east-1"))));
            case "DynamodbEvent" -> "{\"Records\":[]}";
            case "Map" -> scheduledEvent(function);
            default -> throw new AssertionError(function.logicalId() + " takes " + eventType + ", which this test does not know yet");
        };
    }

    private static String scheduledEvent(FunctionDefinition function) {
        FunctionEvent.Schedule schedule = function.events(FunctionEvent.Schedule.class).stream().findFirst()
                .orElseThrow(() -> new AssertionError(function.logicalId() + " takes a map but has no Schedule event"));
        return Json.write(Map.of("version", "0", "id", "jar-probe-schedule", "detail-type", "Scheduled Event",
                "source", "aws.events", "account", "000000000000", "time", java.time.Instant.now().toString(),
                "region", "us-east-1", "resources", List.of("arn:aws:events:us-east-1:000000000000:rule/" + schedule.name()),
                "detail", Map.of()));
    }

    private static String httpEvent(FunctionDefinition function) throws Exception {
        FunctionEvent.HttpApi route = function.events().stream()
                .filter(FunctionEvent.HttpApi.class::isInstance).map(FunctionEvent.HttpApi.class::cast)
                .filter(r -> r.path().isPresent())
                .min((a, b) -> Boolean.compare(!a.method().equalsIgnoreCase("GET"), !b.method().equalsIgnoreCase("GET")))
                .orElseThrow(() -> new AssertionError(function.logicalId() + " has no HTTP route"));
        String template = route.path().orElseThrow();
        Map<String, String> pathParameters = new LinkedHashMap<>();
        var matcher = java.util.regex.Pattern.compile("\\{([^}+]+)\\+?}").matcher(template);
        while (matcher.find()) {
            pathParameters.put(matcher.group(1), EVENT);
        }
        String path = template.replaceAll("\\{[^}]+}", EVENT);
        String method = route.method().toUpperCase(java.util.Locale.ROOT);
        String token = STACK.issueToken(TENANT, List.of("admin"), List.of());
        Map<String, Object> claims = Map.of("sub", "jar-probe-admin", "tenant_id", TENANT, "roles", "[admin]", "events", "[]");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + template);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.put("headers", Map.of("content-type", "application/json", "authorization", "Bearer " + token,
                "accept", "application/json"));
        event.put("pathParameters", pathParameters);
        event.put("requestContext", Map.of("requestId", "jar-probe-request", "routeKey", method + " " + template,
                "http", Map.of("method", method, "path", path, "sourceIp", "127.0.0.1", "protocol", "HTTP/1.1", "userAgent", "jar-probe"),
                "authorizer", Map.of("jwt", Map.of("claims", claims, "scopes", List.of())), "timeEpoch", System.currentTimeMillis()));
        if (!method.equals("GET") && !method.equals("DELETE")) {
            event.put("body", "{}");
        }
        event.put("isBase64Encoded", false);
        return Json.write(event);
    }

    private static Object invoke(Object handler, Method method, Object event, Object context) throws Exception {
        try {
            return method.invoke(handler, event, context);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof LinkageError missing) {
                fail("the deployed jar lacks a class: " + missing, missing);
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The runtime's choice: its event serialisers for AWS event classes, its plain Jackson for anything else. */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type, ClassLoader loader) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader)
                : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    private static byte[] toJson(Object answer, ClassLoader loader) {
        var out = new ByteArrayOutputStream();
        if (LambdaEventSerializers.isLambdaSupportedEvent(answer.getClass().getName())) {
            serializer(answer.getClass(), loader).toJson(answer, out);
            return out.toByteArray();
        }
        return Json.write(answer).getBytes(StandardCharsets.UTF_8);
    }

    /** The runtime's context, as the deployed jar's own {@code Context} interface (its class, not this test's). */
    private static Object context(Class<?> contextType, String logicalId) throws ClassNotFoundException {
        Class<?> loggerType = contextType.getClassLoader().loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
        Object logger = Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {loggerType}, (proxy, m, args) -> null);
        return Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {contextType}, (proxy, m, args) -> switch (m.getName()) {
            case "getAwsRequestId" -> "jar-probe-" + System.nanoTime();
            case "getFunctionName", "getLogGroupName", "getLogStreamName" -> logicalId;
            case "getFunctionVersion" -> "$LATEST";
            case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:000000000000:function:" + logicalId;
            case "getRemainingTimeInMillis" -> 30_000;
            case "getMemoryLimitInMB" -> 1024;
            case "getLogger" -> logger;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "context of " + logicalId;
            default -> null;
        });
    }
}
