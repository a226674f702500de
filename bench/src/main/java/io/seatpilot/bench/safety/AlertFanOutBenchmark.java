package io.seatpilot.bench.safety;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.bench.load.AwsCallCounter;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Alert fan-out on the local stack: N Ops Live sockets subscribed to one event, then R alerts raised one after
 * another through {@code POST /v1/events/{id}/alerts}. For each (alert, socket) pair it records the time from
 * sending the POST to the socket receiving the {@code alert} message, and per alert the time until the last
 * socket had it. Counts the {@code @connections} calls (PostToConnection) the functions made.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.safety.AlertFanOutBenchmark [sockets=200] [alerts=20]}
 */
public final class AlertFanOutBenchmark {

    private AlertFanOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int alerts = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        // no escalation during the run: only the raises' own pushes are measured
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true)
                .parameter("AlertEscalationSeconds", "900").build().start()) {
            String tenant = "fanout-" + UUID.randomUUID().toString().substring(0, 6);
            long startedAt = System.nanoTime();
            String event = "bench-" + UUID.randomUUID().toString().substring(0, 6);
            String ops = stack.issueToken(tenant, List.of("ops"), List.of());
            String admin = stack.issueToken(tenant, List.of("admin"), List.of());
            HttpClient http = HttpClient.newHttpClient();
            URI base = stack.httpEndpoint();
            send(http, base, admin, "PUT", "/v1/events/" + event, Map.of("name", "Bench", "kind", "gala", "timezone", "UTC"), 201);

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Histogram perSocket = new ConcurrentHistogram(60_000_000L, 3);
            Map<String, CountDownLatch> pending = new ConcurrentHashMap<>();
            Map<String, Long> lastArrival = new ConcurrentHashMap<>();
            List<WebSocket> clients = new ArrayList<>();
            CountDownLatch subscribed = new CountDownLatch(sockets);
            URI ws = URI.create(stack.wsEndpoint() + "/?token=" + URLEncoder.encode(ops, StandardCharsets.UTF_8));
            for (int i = 0; i < sockets; i++) {
                clients.add(http.newWebSocketBuilder().buildAsync(ws, new Listener(event, subscribed, sentAt, perSocket,
                        pending, lastArrival)).get(30, TimeUnit.SECONDS));
            }
            for (WebSocket client : clients) {
                client.sendText("{\"action\":\"subscribe\",\"event\":\"" + event + "\"}", true);
            }
            if (!subscribed.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every socket subscribed");
            }
            // warm-up: the first raise loads the function's classes and clients
            raise(http, base, ops, event, sockets, sentAt, pending, true);
            perSocket.reset();
            AwsCallCounter.reset();
            double setUpSeconds = (System.nanoTime() - startedAt) / 1e9;

            Histogram lastSocket = new Histogram(60_000_000L, 3);
            Histogram post = new Histogram(60_000_000L, 3);
            for (int i = 0; i < alerts; i++) {
                long t0 = System.nanoTime();
                String alertId = raise(http, base, ops, event, sockets, sentAt, pending, false);
                post.recordValue((sentAt.get(alertId + "#answered") - t0) / 1_000);
                lastSocket.recordValue((lastArrival.get(alertId) - sentAt.get(alertId)) / 1_000);
            }
            Map<String, Long> calls = AwsCallCounter.calls();
            long posts = calls.entrySet().stream().filter(e -> e.getKey().endsWith(".PostToConnection"))
                    .mapToLong(Map.Entry::getValue).sum();
            System.out.printf("sockets=%d alerts=%d samples=%d (stack started and sockets subscribed in %.0f s)%n", sockets,
                    alerts, perSocket.getTotalCount(), setUpSeconds);
            System.out.printf("POST sent -> alert received, per socket, ms: p50=%.1f p95=%.1f p99=%.1f max=%.1f%n",
                    ms(perSocket, 50), ms(perSocket, 95), ms(perSocket, 99), perSocket.getMaxValue() / 1000.0);
            System.out.printf("POST sent -> last of %d sockets received, per alert, ms: p50=%.1f p95=%.1f max=%.1f%n",
                    sockets, ms(lastSocket, 50), ms(lastSocket, 95), lastSocket.getMaxValue() / 1000.0);
            System.out.printf("POST /alerts answered (201), ms: p50=%.1f p95=%.1f%n", ms(post, 50), ms(post, 95));
            System.out.printf("@connections PostToConnection calls: %d for %d alerts = %.2f per alert per socket%n",
                    posts, alerts, (double) posts / alerts / sockets);
            System.out.println("AWS calls: " + calls);
            for (WebSocket client : clients) {
                client.abort();
            }
        }
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Raises one alert and waits until every socket has it; returns its id. */
    private static String raise(HttpClient http, URI base, String token, String event, int sockets, Map<String, Long> sentAt,
                                Map<String, CountDownLatch> pending, boolean warmUp) throws Exception {
        // the alert id is only known from the answer, but messages can arrive before it: key by a fresh message text
        String marker = "bench " + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch all = new CountDownLatch(sockets);
        pending.put(marker, all);
        long t0 = System.nanoTime();
        sentAt.put(marker, t0);
        JsonNode answer = send(http, base, token, "POST", "/v1/events/" + event + "/alerts",
                Map.of("level", "ALERT", "message", marker), 201);
        String alertId = answer.get("alert_id").asText();
        sentAt.put(alertId, t0);
        sentAt.put(alertId + "#answered", System.nanoTime());
        if (!all.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException((warmUp ? "warm-up " : "") + "alert missing on " + all.getCount() + " sockets");
        }
        pending.remove(marker);
        return alertId;
    }

    private static JsonNode send(HttpClient http, URI base, String token, String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** One socket: counts its subscription, then times every alert message against the raise that sent it. */
    private static final class Listener implements WebSocket.Listener {
        private final String event;
        private final CountDownLatch subscribed;
        private final Map<String, Long> sentAt;
        private final Histogram perSocket;
        private final Map<String, CountDownLatch> pending;
        private final Map<String, Long> lastArrival;
        private final StringBuilder partial = new StringBuilder();

        Listener(String event, CountDownLatch subscribed, Map<String, Long> sentAt, Histogram perSocket,
                 Map<String, CountDownLatch> pending, Map<String, Long> lastArrival) {
            this.event = event;
            this.subscribed = subscribed;
            this.sentAt = sentAt;
            this.perSocket = perSocket;
            this.pending = pending;
            this.lastArrival = lastArrival;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                handle(partial.toString(), now);
                partial.setLength(0);
            }
            socket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        private void handle(String text, long now) {
            try {
                JsonNode message = Json.MAPPER.readTree(text);
                String type = message.path("type").asText();
                if (type.equals("subscribed") && event.equals(message.path("event").asText())) {
                    subscribed.countDown();
                } else if (type.equals("alert")) {
                    String marker = message.path("data").path("message").asText();
                    Long t0 = sentAt.get(marker);
                    CountDownLatch latch = pending.get(marker);
                    if (t0 != null && latch != null) {
                        perSocket.recordValue((now - t0) / 1_000);
                        lastArrival.merge(message.path("data").path("alert_id").asText(), now, Math::max);
                        latch.countDown();
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
