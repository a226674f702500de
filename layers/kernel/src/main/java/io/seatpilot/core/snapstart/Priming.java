package io.seatpilot.core.snapstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

    private final Primer primer;

    private Priming(Primer primer) {
        this.primer = primer;
    }

    /** Registers {@code primer} to run before the function's snapshot; call it last in the handler's constructor. */
    public static void register(SnapStartHooks hooks, Primer primer) {
        hooks.register(new Priming(primer));
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        primer.prime();
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
