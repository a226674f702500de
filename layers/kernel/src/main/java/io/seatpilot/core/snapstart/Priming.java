package io.seatpilot.core.snapstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.crac.Context;
import org.crac.Resource;

/**
 * Invoke priming: a function's {@link Primer} runs in {@code beforeCheckpoint}, so the classes its first request
 * loads, the code that request runs (interpreted until the JIT compiles it) and what it builds once (Jackson's
 * serialisers, compiled schemas, the SDK's marshallers and endpoint rules) are already in the SnapStart snapshot
 * and no restored environment pays for them on its first request. Nothing is undone after restore: what priming
 * warmed is code, not data; what must not outlive the snapshot (caches, connections, credentials) is emptied by
 * its own hook, which runs after this one because it was registered earlier (CRaC runs checkpoint hooks in
 * reverse order of registration).
 *
 * <p>A primer that fails fails the snapshot, as any hook does: a function whose first-call path throws on a
 * harmless request is broken, and publishing it should stop there.
 */
public final class Priming implements Resource {

    /**
     * How many times each primer runs before the snapshot ({@code -Dseatpilot.priming.rounds}, for benchmarks).
     * One round loads and initialises what the first request needs; further rounds would let C1 compile the
     * request path into the snapshot (a method is compiled after about 200 calls at {@code TieredStopAtLevel=1}).
     */
    static final int ROUNDS = Integer.getInteger("seatpilot.priming.rounds", 1);
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)\\+?}");

    /**
     * CRaC contexts may hold their resources weakly, and nothing else refers to a primer (a handler keeps its parts,
     * not the wiring that registered them), so it is held here until it ran.
     */
    private static final Set<Priming> WAITING = ConcurrentHashMap.newKeySet();

    private final Primer primer;

    private Priming(Primer primer) {
        this.primer = primer;
    }

    /** Registers {@code primer} to run before the function's snapshot; call it last in the handler's constructor. */
    public static void register(SnapStartHooks hooks, Primer primer) {
        Priming priming = new Priming(primer);
        WAITING.add(priming);
        hooks.register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        try {
            for (int round = 0; round < ROUNDS; round++) {
                primer.prime();
            }
        } finally {
            WAITING.remove(this);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // what priming warmed is code, and stays warm
    }

    /**
     * Sends a request for a route the function does not have through its real handler: the gateway event, the
     * route table, logging and the problem+json answer (404) run as for any request, and nothing else does.
     */
    public static APIGatewayV2HTTPResponse unknownRoute(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                                        String functionName) {
        APIGatewayV2HTTPResponse answer = handler.handleRequest(request("GET", "/priming/unknown-route", Map.of(), ""),
                new PrimingContext(functionName));
        if (answer.getStatusCode() != 404) {
            throw new IllegalStateException("An unknown route answered " + answer.getStatusCode() + ", not 404");
        }
        return answer;
    }

    /**
     * The HTTP entry of a function whose routes all need credentials: each route refused without them, then an unknown
     * route (see {@link #withoutCredentials} and {@link #unknownRoute}).
     */
    public static void routes(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, String functionName,
                              String... routeKeys) {
        withoutCredentials(handler, functionName, routeKeys);
        unknownRoute(handler, functionName);
    }

    /**
     * Sends each of {@code routeKeys} (as the template names them, e.g. {@code "GET /v1/events/{eventId}/kpis"}) without
     * credentials through the real handler: the route's own code runs up to its caller check, which refuses (4xx)
     * before anything is read or written, and the refusal is mapped to problem+json as every refusal is. Only for
     * routes whose credential is a header or a token claim, never for a route whose path is its credential.
     */
    public static void withoutCredentials(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                          String functionName, String... routeKeys) {
        for (String routeKey : routeKeys) {
            String method = routeKey.substring(0, routeKey.indexOf(' '));
            String template = routeKey.substring(routeKey.indexOf(' ') + 1);
            Map<String, String> parameters = new LinkedHashMap<>();
            PARAMETER.matcher(template).results().forEach(parameter -> parameters.put(parameter.group(1), "priming"));
            APIGatewayV2HTTPEvent event = request(method, PARAMETER.matcher(template).replaceAll("priming"), Map.of(), "");
            event.setRouteKey(routeKey);
            event.setPathParameters(parameters);
            int status = handler.handleRequest(event, new PrimingContext(functionName)).getStatusCode();
            if (status < 400 || status >= 500) {
                throw new IllegalStateException(routeKey + " answered " + status + " to a request without credentials");
            }
        }
    }

    /** A gateway event as API Gateway sends it (HTTP API, payload 2.0), for a primer to hand to real code. */
    public static APIGatewayV2HTTPEvent request(String method, String path, Map<String, String> headers, String body) {
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setStage("$default");
        context.setRequestId("priming");
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(method + " " + path).withRawPath(path)
                .withHeaders(headers).withBody(body).withIsBase64Encoded(false).withRequestContext(context).build();
    }

    /** The Lambda context of a priming request: a request id of its own, so its log lines say what they are. */
    private record PrimingContext(String functionName) implements com.amazonaws.services.lambda.runtime.Context {

        @Override public String getAwsRequestId() { return "priming"; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
        @Override public String getLogStreamName() { return "priming"; }
        @Override public String getFunctionName() { return functionName; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.println(message); }
                @Override public void log(byte[] message) { System.out.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
