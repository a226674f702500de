package io.seatpilot.bench.coldstart;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.sqs.SqsClient;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.core.aws.AwsClients;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.observability.SloMetrics;
import io.seatpilot.core.signing.RequestSigner;
import io.seatpilot.ingest.IngestHandler;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs in a fresh JVM on a function's deployable jar and prints the milliseconds from JVM launch to the first
 * answered request. {@code ingest} uses the real handler with a signed envelope; {@code baseline} is a minimal
 * handler that builds the same three AWS clients and answers at once; {@code calls} builds them and makes the five
 * calls the ingest request makes, with the SDK alone; {@code calls+emf} adds the one EMF document ingest writes for
 * an accepted envelope, so the ratio to it is what SeatPilot's code adds beyond the calls and its metrics library. Configuration comes as system properties
 * (endpoints, table, queue, root key, device key id and secret) from {@link ColdStartBenchmark}.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        Map<String, String> env = new HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("env.")) {
                env.put(k.toString().substring(4), v.toString());
            }
        });
        long launched = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        APIGatewayV2HTTPEvent event = signedEvent(System.getProperty("probe.keyId"), System.getProperty("probe.secret"));
        long constructedAt;
        int status;
        switch (args[0]) {
            case "ingest" -> {
                IngestHandler handler = new IngestHandler(env);
                constructedAt = System.currentTimeMillis();
                status = handler.handleRequest(event, new ProbeContext("ingest")).getStatusCode();
            }
            case "baseline" -> {
                constructedAt = System.currentTimeMillis();
                status = baselineHandler(new Env(env)).getStatusCode();
            }
            case "calls" -> {
                constructedAt = System.currentTimeMillis();
                status = callsHandler(new Env(env), System.getProperty("probe.keyId")).getStatusCode();
            }
            case "calls+emf" -> {
                constructedAt = System.currentTimeMillis();
                status = callsHandler(new Env(env), System.getProperty("probe.keyId")).getStatusCode();
                // the one EMF document ingest writes for an accepted envelope, through the functions' Metrics
                // (Powertools and the EMF library, whose own ObjectMapper serialises it)
                new Metrics("SeatPilot", "ingest").count(SloMetrics.ENVELOPES_ACCEPTED, 1);
            }
            default -> throw new IllegalArgumentException("probe kind: ingest | baseline | calls | calls+emf");
        }
        long answeredAt = System.currentTimeMillis();
        // CPU time of the whole process (every thread: JIT, GC, class loading) up to the answer: on a shared machine
        // it moves less with the load than wall time does
        long cpuMs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
        // where the time went: JVM start to main (class path, JDK), main to a constructed handler, and its request
        System.out.println("PROBE " + args[0] + " status=" + status + " to_main_ms=" + (mainAt - launched)
                + " construct_ms=" + (constructedAt - mainAt) + " request_ms=" + (answeredAt - constructedAt)
                + " classes=" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()
                + " cpu_ms=" + cpuMs + " ms=" + (answeredAt - launched));
        // nothing may keep a probe alive after its answer (the parent reads its output to the end)
        System.exit(0);
    }

    private static APIGatewayV2HTTPResponse baselineHandler(Env env) {
        AwsClients clients = new AwsClients(env);
        var built = new Object[] {clients.dynamoDb(), clients.client("SQS", SqsClient.class, SqsClient::builder),
                clients.client("KMS", KmsClient.class, KmsClient::builder)};
        return APIGatewayV2HTTPResponse.builder().withStatusCode(built.length == 3 ? 200 : 500).withBody("{}").build();
    }

    /**
     * The least any handler answering the ingest request must do, with nothing of ours: the same clients making the
     * same five calls, one after the other, with the SDK alone — read the device's key record, derive its secret
     * through KMS, claim the request's nonce, take from the device's rate-limit window, queue the envelope.
     */
    private static APIGatewayV2HTTPResponse callsHandler(Env env, String keyId) {
        AwsClients clients = new AwsClients(env);
        DynamoDbClient dynamo = clients.dynamoDb();
        SqsClient sqs = clients.client("SQS", SqsClient.class, SqsClient::builder);
        KmsClient kms = clients.client("KMS", KmsClient.class, KmsClient::builder);
        String table = env.require("TABLE_NAME");
        String tenant = keyId.substring(0, keyId.indexOf('.'));
        var record = dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("T#" + tenant + "#KEY#" + keyId),
                "sk", AttributeValue.fromS("KEY")))).item();
        kms.generateMac(b -> b.keyId(env.require("DEVICE_KEY_ROOT_ID")).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .message(SdkBytes.fromString("seatpilot/device-key/v1|" + tenant + "|" + keyId, StandardCharsets.UTF_8)));
        long now = System.currentTimeMillis();
        dynamo.putItem(b -> b.tableName(table).conditionExpression("attribute_not_exists(pk)")
                .item(Map.of("pk", AttributeValue.fromS("T#" + tenant + "#NONCE#" + keyId + "#" + UUID.randomUUID()),
                        "sk", AttributeValue.fromS("N"), "expires_at", AttributeValue.fromN(Long.toString(now / 1000 + 600)))));
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("T#" + tenant + "#RATE#probe"), "sk", AttributeValue.fromS(Long.toString(now / 60_000 * 60_000))))
                .updateExpression("ADD used :n SET expires_at = :e")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"), ":e", AttributeValue.fromN(Long.toString(now / 1000 + 120)))));
        sqs.sendMessage(b -> b.queueUrl(env.require("INGEST_QUEUE_URL")).messageBody("{\"probe\":true}"));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(record.isEmpty() ? 500 : 202).withBody("{}").build();
    }

    static APIGatewayV2HTTPEvent signedEvent(String keyId, String secret) {
        String tenant = keyId.substring(0, keyId.indexOf('.'));
        String body = "{\"schema_version\":\"1.1.0\",\"event_id\":\"" + UUID.randomUUID() + "\",\"tenant_id\":\"" + tenant
                + "\",\"event_name\":\"checkin.qr_scan_start\",\"session_id\":\"s-probe\",\"ts_ms\":" + System.currentTimeMillis()
                + ",\"event_meta\":{\"app_channel\":\"kiosk\",\"platform\":\"kiosk\",\"app_version\":\"1.0.0\",\"sdk_version\":\"1.1.0\"},"
                + "\"payload\":{}}";
        var headers = new HashMap<>(new RequestSigner(keyId, secret).sign("POST", "/v1/events", body));
        headers.put("content-type", "application/json");
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setPath("/v1/events");
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setStage("$default");
        context.setRequestId(UUID.randomUUID().toString());
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST /v1/events").withRawPath("/v1/events")
                .withHeaders(headers).withBody(body).withIsBase64Encoded(false).withRequestContext(context).build();
    }
}
