package io.seatpilot.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.seatpilot.core.observability.Logs;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.ingest.IngestHandler;
import java.util.Map;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Runs in a fresh JVM whose class path is only a function's deployable jar (plus this class), so it sees exactly
 * the libraries that ship: the ingest handler answers an unsigned request (a JSON log line with request id and
 * route), a tenant is logged through the same functional API, and the EMF metrics wrapper flushes both its forms.
 * It touches no AWS service. Used by {@link ShadedJarObservabilityTest}; it must reference nothing outside the jar.
 */
final class ShadedJarDriver {

    private ShadedJarDriver() {
    }

    public static void main(String[] args) {
        Context context = new DriverContext();
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1", "TABLE_NAME", "driver-table",
                "DEVICE_KEY_ROOT_ID", "alias/driver", "INGEST_QUEUE_URL", "http://127.0.0.1:1/queue/driver");
        var request = new APIGatewayV2HTTPEvent.RequestContext();
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setPath("/v1/events");
        request.setHttp(http);
        request.setRequestId("driver-request-1");
        var event = APIGatewayV2HTTPEvent.builder().withRouteKey("POST /v1/events").withRawPath("/v1/events")
                .withHeaders(Map.of("content-type", "application/json")).withBody("{}").withRequestContext(request).build();
        int status = new IngestHandler(env).handleRequest(event, context).getStatusCode();
        PowertoolsLogging.withLogging(context, () -> {
            try {
                Logs.tenant("t-driver");
                Logs.event("driver");
                LoggerFactory.getLogger(ShadedJarDriver.class).info("tenant line");
                return null;
            } finally {
                Logs.clear();
            }
        });
        Metrics metrics = new Metrics("SeatPilot", "ingest");
        metrics.count("DriverCount", 2, "channel", "kiosk");
        metrics.milliseconds(Map.of("DriverStageMs", 1.5));
        System.out.println("DRIVER status=" + status);
    }

    private record DriverContext() implements Context {
        @Override public String getAwsRequestId() { return "driver-invocation"; }
        @Override public String getLogGroupName() { return "/aws/lambda/IngestFunction"; }
        @Override public String getLogStreamName() { return "driver"; }
        @Override public String getFunctionName() { return "IngestFunction"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:IngestFunction"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 15_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.println(message); }
                @Override public void log(byte[] message) { System.err.write(message, 0, message.length); }
            };
        }
    }
}
