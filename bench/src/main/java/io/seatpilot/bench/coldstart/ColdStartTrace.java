package io.seatpilot.bench.coldstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.seatpilot.core.aws.AwsClients;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.snapstart.SnapStartHooks;
import io.seatpilot.core.telemetry.EventSchemas;
import io.seatpilot.ingest.IngestHandler;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Where the ingest handler's cold start goes: in a fresh JVM on the function's deployable jar, each part its
 * construction and first request need is built on its own, one after the other, and timed with the classes it
 * loads. A part's figure includes what it is the first to need (classes shared with later parts count for the
 * earlier one), so the order follows the handler's. Run with {@code -Xlog:class+load} to see which classes: the
 * {@code TRACE} lines frame each part. Configuration as {@link ColdStartProbe}.
 */
public final class ColdStartTrace {

    private ColdStartTrace() {
    }

    private static long last = System.nanoTime();
    private static long lastClasses = 0;

    public static void main(String[] args) throws Exception {
        Map<String, String> environment = new HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("env.")) {
                environment.put(k.toString().substring(4), v.toString());
            }
        });
        long launched = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("TRACE jvm-to-main ms=" + (System.currentTimeMillis() - launched));
        last = System.nanoTime();
        lastClasses = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        APIGatewayV2HTTPEvent event = ColdStartProbe.signedEvent(System.getProperty("probe.keyId"), System.getProperty("probe.secret"));
        step("signed-test-event");
        Env env = new Env(environment);
        SnapStartHooks.of(env);
        step("crac-context");
        // the SDK's first logger starts the logging backend otherwise, inside the HTTP client's step
        LoggerFactory.getILoggerFactory();
        step("logging-backend-start");
        AwsClients clients = new AwsClients(env);
        step("http-client+credentials-provider");
        clients.dynamoDb();
        step("dynamodb-client");
        clients.client("KMS", KmsClient.class, KmsClient::builder);
        step("kms-client");
        clients.client("SQS", SqsClient.class, SqsClient::builder);
        step("sqs-client");
        Json.MAPPER.readTree("{\"a\":[1,2.5,\"x\"]}");
        step("jackson");
        new EventSchemas();
        step("event-schemas");
        LoggerFactory.getLogger("io.seatpilot.trace").info("trace");
        step("logging-backend-first-line");
        PowertoolsLogging.withLogging(new ProbeContext("ingest"), () -> 1);
        step("powertools-logging");
        new Metrics("SeatPilot/Trace", "trace").count("Trace", 1);
        step("emf-first-metric");
        IngestHandler handler = new IngestHandler(environment);
        step("ingest-handler-rest");
        int status = handler.handleRequest(event, new ProbeContext("ingest")).getStatusCode();
        step("first-request status=" + status);
        handler.handleRequest(ColdStartProbe.signedEvent(System.getProperty("probe.keyId"), System.getProperty("probe.secret")),
                new ProbeContext("ingest"));
        step("second-request");
        System.out.println("TRACE total ms=" + (System.currentTimeMillis() - launched));
        System.exit(0);
    }

    private static void step(String name) {
        long now = System.nanoTime();
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        // formatted before it is printed: classes the formatting loads would otherwise be logged (-Xlog:class+load to
        // stdout) in the middle of the line
        String line = String.format("TRACE %s ms=%d classes=%d", name, (now - last) / 1_000_000, classes - lastClasses);
        System.out.println(line);
        last = System.nanoTime();
        lastClasses = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    }
}
