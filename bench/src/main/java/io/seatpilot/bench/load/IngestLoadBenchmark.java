package io.seatpilot.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.signing.RequestSigner;
import io.seatpilot.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Benchmark 2 of issue 2: N concurrent kiosks, each signing and posting batches of envelopes to the local stack
 * for a fixed time; then waits until the worker has stored everything. Prints accepted events/s, POST latency
 * percentiles (HdrHistogram), and the AWS requests and DynamoDB write units per accepted event.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.load.IngestLoadBenchmark [clients=8] [batch=25] [seconds=20]}
 */
public final class IngestLoadBenchmark {

    private IngestLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start()) {
            String tenant = "load-" + UUID.randomUUID().toString().substring(0, 6);
            String admin = stack.issueToken(tenant, List.of("admin"), List.of());
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            URI base = stack.httpEndpoint();
            List<RequestSigner> signers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                JsonNode key = json(http.send(HttpRequest.newBuilder(base.resolve("/v1/devices"))
                        .header("authorization", "Bearer " + admin).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("device_id", "door-" + i, "role", "kiosk")))).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                signers.add(new RequestSigner(key.get("key_id").asText(), key.get("secret").asText()));
            }
            warmUp(http, base, signers.getFirst(), tenant, batchSize);
            long storedBefore = stored(http, base, admin);
            AwsCallCounter.reset();

            Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
            AtomicLong accepted = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long started = System.nanoTime();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (RequestSigner signer : signers) {
                    pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            String body = batch(tenant, batchSize);
                            long t0 = System.nanoTime();
                            int status = post(http, base, signer, body);
                            latency.recordValue((System.nanoTime() - t0) / 1_000);
                            if (status == 202) {
                                accepted.addAndGet(batchSize);
                            } else {
                                failures.incrementAndGet();
                            }
                        }
                        return null;
                    });
                }
            }
            double postingSeconds = (System.nanoTime() - started) / 1e9;
            long expected = storedBefore + accepted.get();
            long drainStart = System.nanoTime();
            while (stored(http, base, admin) < expected) {
                Thread.sleep(200);
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

            Map<String, Long> calls = AwsCallCounter.calls();
            long events = accepted.get();
            System.out.printf("clients=%d batch=%d duration=%.1fs requests=%d failures=%d%n", clients, batchSize, postingSeconds,
                    latency.getTotalCount(), failures.get());
            System.out.printf("accepted events/s (POST side): %.0f%n", events / postingSeconds);
            System.out.printf("stored events/s end to end (until the worker drained): %.0f%n", events / (postingSeconds + drainSeconds));
            System.out.printf("POST /v1/events latency ms: p50=%.2f p95=%.2f p99=%.2f max=%.2f%n",
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(95) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0);
            long sqsFunction = calls.getOrDefault("Sqs.SendMessage", 0L);
            long sqsAll = calls.entrySet().stream().filter(e -> e.getKey().startsWith("Sqs.")).mapToLong(Map.Entry::getValue).sum();
            long dynamoWrites = calls.entrySet().stream().filter(e -> e.getKey().startsWith("DynamoDb.")
                    && e.getKey().matches(".*(Put|Update|TransactWrite|BatchWrite).*")).mapToLong(Map.Entry::getValue).sum();
            System.out.printf("SQS requests per accepted event: ingest function %.4f; all incl. the event-source poller %.4f%n",
                    (double) sqsFunction / events, (double) sqsAll / events);
            System.out.printf("DynamoDB write requests per event %.3f; write capacity units per event %.3f (as DynamoDB Local reports them)%n",
                    (double) dynamoWrites / events, AwsCallCounter.writeUnits() / events);
            System.out.println("AWS calls: " + calls);
        }
    }

    private static void warmUp(HttpClient http, URI base, RequestSigner signer, String tenant, int batchSize) throws Exception {
        for (int i = 0; i < 20; i++) {
            post(http, base, signer, batch(tenant, batchSize));
        }
    }

    private static int post(HttpClient http, URI base, RequestSigner signer, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(base.resolve("/v1/events")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signer.sign("POST", "/v1/events", bytes).forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long stored(HttpClient http, URI base, String admin) throws Exception {
        var answer = http.send(HttpRequest.newBuilder(base.resolve("/v1/ingest/stats")).header("authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString());
        return json(answer.body()).get("totals").get("accepted").asLong();
    }

    static String batch(String tenant, int size) {
        var root = Json.MAPPER.createObjectNode();
        var events = root.putArray("events");
        for (int i = 0; i < size; i++) {
            ObjectNode envelope = events.addObject()
                    .put("schema_version", "1.1.0").put("event_id", UUID.randomUUID().toString()).put("tenant_id", tenant)
                    .put("event_name", "checkin.ui_render_done").put("session_id", "s-" + UUID.randomUUID())
                    .put("ts_ms", System.currentTimeMillis());
            envelope.set("event_meta", Json.tree(Map.of("app_channel", "kiosk", "platform", "kiosk", "app_version", "3.4.1",
                    "sdk_version", "1.1.0", "device_id", "door-1", "net_rtt_ms", 40)));
            envelope.set("payload", Json.tree(Map.of("event", "load-gala", "mode", "qr", "duration_ms", 180)));
        }
        return root.toString();
    }

    private static JsonNode json(String body) throws Exception {
        return Json.MAPPER.readTree(body);
    }
}
