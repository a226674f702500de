package io.seatpilot.bench.kpi;

import io.seatpilot.core.json.Json;
import io.seatpilot.core.rsvp.RsvpStore;
import io.seatpilot.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The KPI read ({@code GET /v1/events/{eventId}/kpis}) of a two-stop wedding on the local stack, whose RSVP block
 * counts answers and invited guests per stop: at N guests (all with an answer per stop they are invited to) and,
 * in the same run, at a baseline of 30 guests. Prints the median and slowest of a few reads of each and their ratio.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.kpi.KpiReadBenchmark [guests=3000] [reads=10]}
 */
public final class KpiReadBenchmark {

    private static final int BASELINE_GUESTS = 30;

    private KpiReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int reads = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).automaticSchedules(false).build().start()) {
            String tenant = "kpibench-" + UUID.randomUUID().toString().substring(0, 6);
            String admin = stack.issueToken(tenant, List.of("admin"), List.of());
            HttpClient http = HttpClient.newHttpClient();
            RsvpStore answers = new RsvpStore(stack.awsClients().dynamoDb(), stack.tableName("DataTable"));
            long[] baseline = measure(http, stack.httpEndpoint(), admin, answers, tenant, "kpi-base", BASELINE_GUESTS, reads);
            long[] large = measure(http, stack.httpEndpoint(), admin, answers, tenant, "kpi-large", guests, reads);
            System.out.printf("KPI read, %d reads each after one warm-up read%n", reads);
            System.out.printf("  %5d guests: median %d ms, slowest %d ms%n", BASELINE_GUESTS, median(baseline), max(baseline));
            System.out.printf("  %5d guests: median %d ms, slowest %d ms%n", guests, median(large), max(large));
            System.out.printf("  ratio of medians %.1f×%n", (double) median(large) / Math.max(1, median(baseline)));
        }
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind after it stopped
        System.exit(0);
    }

    private static long[] measure(HttpClient http, URI base, String admin, RsvpStore answers, String tenant, String event,
                                  int guests, int reads) throws Exception {
        send(http, base, admin, "PUT", "/v1/events/" + event, Map.of("name", "Boda", "kind", "wedding", "timezone", "UTC",
                "stops", List.of(Map.of("id", "ceremony", "name", "Ceremonia", "seated", false),
                        Map.of("id", "reception", "name", "Banquete"))), 201);
        List<RsvpStore.Answers> given = new ArrayList<>();
        for (int from = 0; from < guests; from += 500) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = from; i < Math.min(guests, from + 500); i++) {
                // one guest in five to the ceremony only; everyone answers every stop they are invited to
                boolean ceremonyOnly = i % 5 == 0;
                rows.add(ceremonyOnly ? Map.of("id", "g" + i, "first_name", "Guest" + i, "last_name", "Bench", "rsvp", "confirmed",
                        "stops", List.of("ceremony"))
                        : Map.of("id", "g" + i, "first_name", "Guest" + i, "last_name", "Bench", "rsvp", "confirmed"));
                given.add(new RsvpStore.Answers("g" + i, ceremonyOnly ? Map.of("ceremony", "yes")
                        : Map.of("ceremony", i % 3 == 0 ? "no" : "yes", "reception", "yes"), System.currentTimeMillis()));
            }
            send(http, base, admin, "PUT", "/v1/events/" + event + "/guests", Map.of("guests", rows), 200);
        }
        // the answers as the RSVP route stores them, written directly: the route's pass tokens are not what is measured
        answers.save(tenant, event, given, "g0", 1);
        send(http, base, admin, "GET", "/v1/events/" + event + "/kpis", null, 200);
        long[] millis = new long[reads];
        for (int i = 0; i < reads; i++) {
            long started = System.nanoTime();
            send(http, base, admin, "GET", "/v1/events/" + event + "/kpis", null, 200);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        return millis;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static void send(HttpClient http, URI base, String token, String method, String path, Object body, int expected)
            throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " → " + answer.statusCode() + " " + answer.body());
        }
    }
}
