package io.seatpilot.bench.event;

import io.seatpilot.bench.checkin.TimedHandler;
import io.seatpilot.core.event.CodeHashing;
import io.seatpilot.core.json.Json;
import io.seatpilot.eventsetup.EventSetupHandler;
import io.seatpilot.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Issue 13's {@code POST …/passes} for a whole event in one request: where its time goes. First the PBKDF2 code
 * hashes alone (the event's cost, one per pass) on one core and on every core of this machine; then the request
 * itself through the local stack (its 30 s gateway timeout enforced): the client's wall time and the handler's own.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.event.PassIssueBenchmark [guests=3000] [hashes-only]}
 */
public final class PassIssueBenchmark {

    private static final String ROUTE = "POST /v1/events/{eventId}/passes";

    private PassIssueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        CodeHashing hashing = new CodeHashing(CodeHashing.ALGORITHM, HexFormat.of().formatHex(new byte[16]),
                CodeHashing.ITERATIONS, 256);
        hashAll(hashing, 300, 1); // warm-up
        double oneCore = hashAll(hashing, guests, 1);
        int cores = Runtime.getRuntime().availableProcessors();
        double allCores = hashAll(hashing, guests, cores);
        System.out.printf("PBKDF2-SHA256 x %d (%d iterations): one core %.2f s (%.2f ms each), %d cores %.2f s%n",
                guests, CodeHashing.ITERATIONS, oneCore, oneCore * 1000 / guests, cores, allCores);
        if (args.length > 1 && args[1].equals("hashes-only")) {
            return; // e.g. under JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1, as the template's Globals run functions
        }

        Histogram handler = new ConcurrentHistogram(600_000_000L, 3);
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true)
                .handlerOverride("EventSetupFunction", env -> new TimedHandler(new EventSetupHandler(env), handler, ROUTE))
                .build().start()) {
            String tenant = "passes-" + UUID.randomUUID().toString().substring(0, 6);
            String admin = stack.issueToken(tenant, List.of("admin"), List.of());
            HttpClient http = HttpClient.newHttpClient();
            URI event = stack.httpEndpoint().resolve("/v1/events/pass-bench");
            send(http, admin, "PUT", event, Map.of("name", "Pass bench", "kind", "gala", "timezone", "Europe/Madrid"));
            for (int start = 0; start < guests; start += 1000) {
                List<Map<String, Object>> chunk = new ArrayList<>();
                for (int i = start; i < Math.min(guests, start + 1000); i++) {
                    chunk.add(Map.of("id", "g" + i, "first_name", "Guest" + i, "last_name", "Bench", "rsvp", "confirmed"));
                }
                send(http, admin, "PUT", URI.create(event + "/guests"), Map.of("guests", chunk));
            }
            // one small issue first: the function warm, the event's code hashing made
            send(http, admin, "POST", URI.create(event + "/passes"), Map.of("guest_ids", List.of("g0")));
            handler.reset();
            long started = System.nanoTime();
            var answer = send(http, admin, "POST", URI.create(event + "/passes"), Map.of());
            double wall = (System.nanoTime() - started) / 1e9;
            int passes = answer.statusCode() == 201 ? Json.MAPPER.readTree(answer.body()).get("passes").size() : 0;
            System.out.printf("POST passes, %d guests in one request: %d, %d passes, client %.2f s, handler %.2f s%n",
                    guests, answer.statusCode(), passes, wall, handler.getMaxValue() / 1e6);
        }
        System.exit(0);
    }

    private static double hashAll(CodeHashing hashing, int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String code = String.format("%08d", i);
                done.add(pool.submit(() -> hashing.hash(code)));
            }
            for (Future<String> f : done) {
                f.get();
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    private static HttpResponse<String> send(HttpClient http, String token, String method, URI uri, Object body) throws Exception {
        var answer = http.send(HttpRequest.newBuilder(uri).header("authorization", "Bearer " + token)
                .header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300 && !uri.getPath().endsWith("/passes")) {
            throw new IllegalStateException(method + " " + uri + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }
}
