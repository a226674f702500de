package io.seatpilot.bench.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.bench.load.AwsCallCounter;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;

/**
 * Issue 4, benchmarks 1 and 2: C dashboard connections subscribed to one event on the local stack's WebSocket API
 * while check-ins are posted at R per second for S seconds. Prints the delay from sending a check-in to its
 * message arriving on each connection, and from its answer to that message (p50/p95/p99 over every check-in ×
 * connection), the messages each connection received per second by type next to the check-ins per second a
 * one-message-per-check-in publisher would have sent (the baseline, same run), and the {@code @connections} calls.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.live.OpsLiveBenchmark [connections=50] [rate=10] [seconds=30]}
 */
public final class OpsLiveBenchmark {

    private OpsLiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int warmup = Math.max(50, rate * 3);
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start()) {
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 6);
            String event = "gala-live";
            String admin = stack.issueToken(tenant, List.of("admin"), List.of());
            int guests = warmup + rate * seconds;
            send(http, stack, admin, "PUT", "/v1/events/" + event, Map.of("name", "Bench Gala", "kind", "gala", "timezone", "UTC",
                    "zones", List.of(Map.of("id", "za", "name", "Hall", "letter", "A", "color", "#1f77b4", "capacity", guests))));
            send(http, stack, admin, "PUT", "/v1/events/" + event + "/guests", Map.of("guests", IntStream.range(0, guests)
                    .mapToObj(i -> Map.of("id", "g" + i, "first_name", "Guest", "last_name", "N" + i, "rsvp", "confirmed")).toList()));

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Map<String, Long> answeredAt = new ConcurrentHashMap<>();
            List<Dashboard> dashboards = new ArrayList<>();
            String ops = URLEncoder.encode(stack.issueToken(tenant, List.of("ops"), List.of()), StandardCharsets.UTF_8);
            for (int c = 0; c < connections; c++) {
                dashboards.add(Dashboard.open(http, URI.create(stack.wsEndpoint() + "/?token=" + ops), event));
            }
            String staff = stack.issueToken(tenant, List.of("staff"), List.of());
            System.out.printf("%d connections subscribed; warming up with %d check-ins%n", connections, warmup);
            Door door = new Door(http, stack, staff, event, sentAt, answeredAt);
            door.run(0, warmup, Math.min(rate, 20));
            Thread.sleep(3_000);

            dashboards.forEach(Dashboard::reset);
            AwsCallCounter.reset();
            door.created.reset();
            door.failed.reset();
            long start = System.nanoTime();
            door.run(warmup, guests, rate);
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(5_000);

            long created = door.created.sum();
            System.out.printf("check-ins: %d sent in %.1f s (%.1f/s asked %d/s), %d answered 201, %d failed%n", guests - warmup, sendSeconds,
                    (guests - warmup) / sendSeconds, rate, created, door.failed.sum());
            Histogram fromSent = new Histogram(600_000_000L, 3);
            Histogram fromAnswer = new Histogram(600_000_000L, 3);
            for (Dashboard dashboard : dashboards) {
                for (Seen seen : dashboard.seen) {
                    Long sent = sentAt.get(seen.checkinId());
                    Long answered = answeredAt.get(seen.checkinId());
                    if (sent != null) {
                        fromSent.recordValue(Math.max(0, (seen.atNanos() - sent) / 1_000));
                    }
                    if (answered != null) {
                        fromAnswer.recordValue(Math.max(0, (seen.atNanos() - answered) / 1_000));
                    }
                }
            }
            print("check-in sent → dashboard message", fromSent);
            print("check-in answered (201) → dashboard message", fromAnswer);
            Map<String, Long> byType = new java.util.TreeMap<>();
            long messages = 0;
            long items = 0;
            for (Dashboard dashboard : dashboards) {
                dashboard.byType.forEach((type, n) -> byType.merge(type, n.sum(), Long::sum));
                messages += dashboard.messages.sum();
                items += dashboard.checkinItems.sum();
            }
            // messages arrive a poll or two after their check-ins: per second of sending, drain included
            double perConnection = messages / (double) connections / sendSeconds;
            double baseline = created / sendSeconds;
            System.out.printf("messages per connection per second: %.2f (by type, all connections: %s)%n", perConnection, byType);
            System.out.printf("baseline (one message per check-in): %.2f per connection per second; ratio coalesced/baseline = %.3f%n",
                    baseline, perConnection / baseline);
            System.out.printf("check-ins per checkin message: %.1f; check-in items received per connection: %.0f of %d%n",
                    items / (double) Math.max(1, byType.getOrDefault("checkin", 0L)), items / (double) connections, created);
            long posts = AwsCallCounter.calls().getOrDefault("ApiGatewayManagementApi.PostToConnection", 0L);
            System.out.printf("@connections calls: %d (%.2f per check-in; one message per check-in would make %d)%n", posts,
                    posts / (double) Math.max(1, created), created * connections);
            dashboards.forEach(Dashboard::close);
        }
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind after it stopped
        System.exit(0);
    }

    private static void print(String what, Histogram delays) {
        System.out.printf("%s (ms), over %d check-in × connection deliveries: p50=%.1f p95=%.1f p99=%.1f max=%.1f%n", what,
                delays.getTotalCount(), delays.getValueAtPercentile(50) / 1000.0, delays.getValueAtPercentile(95) / 1000.0,
                delays.getValueAtPercentile(99) / 1000.0, delays.getMaxValue() / 1000.0);
    }

    private static HttpResponse<String> send(HttpClient http, LocalStack stack, String token, String method, String path, Object body) throws Exception {
        HttpResponse<String> answer = http.send(request(stack, token, method, path, body), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }

    private static HttpRequest request(LocalStack stack, String token, String method, String path, Object body) {
        return HttpRequest.newBuilder(stack.httpEndpoint().resolve(path)).header("authorization", "Bearer " + token)
                .header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
    }

    /** Staff checking guests in by id at a fixed rate, each request sent without waiting for the previous one. */
    private record Door(HttpClient http, LocalStack stack, String staff, String event, Map<String, Long> sentAt,
                        Map<String, Long> answeredAt, LongAdder created, LongAdder failed) {

        Door(HttpClient http, LocalStack stack, String staff, String event, Map<String, Long> sentAt, Map<String, Long> answeredAt) {
            this(http, stack, staff, event, sentAt, answeredAt, new LongAdder(), new LongAdder());
        }

        void run(int from, int to, int perSecond) throws InterruptedException {
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            AtomicLong next = new AtomicLong(from);
            CountDownLatch done = new CountDownLatch(to - from);
            clock.scheduleAtFixedRate(() -> {
                long i = next.getAndIncrement();
                if (i >= to) {
                    return;
                }
                String checkinId = UUID.randomUUID().toString();
                HttpRequest post = request(stack, staff, "POST", "/v1/events/" + event + "/checkins", Map.of("checkin_id", checkinId,
                        "guest_id", "g" + i, "mode", "name", "scanned_at", System.currentTimeMillis()));
                sentAt.put(checkinId, System.nanoTime());
                http.sendAsync(post, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, error) -> {
                    answeredAt.put(checkinId, System.nanoTime());
                    (error == null && answer.statusCode() == 201 ? created : failed).increment();
                    done.countDown();
                });
            }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
            done.await(10, TimeUnit.MINUTES);
            clock.shutdownNow();
        }
    }

    /** A check-in a dashboard was told about, and when. */
    private record Seen(String checkinId, long atNanos) {
    }

    /** One subscribed dashboard: counts what it receives and notes when it learnt of each check-in. */
    private static final class Dashboard implements WebSocket.Listener {

        private final java.util.Queue<Seen> seen = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        final Map<String, LongAdder> byType = new ConcurrentHashMap<>();
        final LongAdder messages = new LongAdder();
        final LongAdder checkinItems = new LongAdder();
        private WebSocket socket;

        static Dashboard open(HttpClient http, URI uri, String event) {
            Dashboard dashboard = new Dashboard();
            dashboard.socket = http.newWebSocketBuilder().buildAsync(uri, dashboard).join();
            dashboard.socket.sendText("{\"action\":\"subscribe\",\"event\":\"" + event + "\"}", true).join();
            dashboard.subscribed.orTimeout(30, TimeUnit.SECONDS).join();
            return dashboard;
        }

        void reset() {
            seen.clear();
            byType.clear();
            messages.reset();
            checkinItems.reset();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                JsonNode message = Json.read(partial.toString());
                partial.setLength(0);
                String type = message.path("type").asText();
                if ("subscribed".equals(type)) {
                    subscribed.complete(null);
                } else {
                    messages.increment();
                    byType.computeIfAbsent(type, t -> new LongAdder()).increment();
                    if ("checkin".equals(type)) {
                        JsonNode items = message.path("data").has("items") ? message.path("data").get("items") : Json.MAPPER.createArrayNode().add(message.get("data"));
                        for (JsonNode item : items) {
                            checkinItems.increment();
                            seen.add(new Seen(item.path("checkin_id").asText(), now));
                        }
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
