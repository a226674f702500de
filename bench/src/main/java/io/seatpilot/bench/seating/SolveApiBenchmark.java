package io.seatpilot.bench.seating;

import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import io.seatpilot.seating.InstanceGenerator;
import io.seatpilot.seating.SeatingProblem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The solve API end to end through the local stack (gateway, JWT authorizer, Lambda serialisation, DynamoDB
 * Local): a generated wedding is stored, then {@code POST …/seating/solve} is called one request at a time, as
 * one planner would. Prints latency percentiles and what they add to the requested time limit.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.seating.SolveApiBenchmark [guests=300] [limitMs=2000] [requests=30]}
 */
public final class SolveApiBenchmark {

    private static final int WARM_UP = 5;

    private SolveApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long limitMs = args.length > 1 ? Long.parseLong(args[1]) : 2_000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start()) {
            String tenant = "solve-" + UUID.randomUUID().toString().substring(0, 6);
            String event = "wedding-" + guests;
            String admin = stack.issueToken(tenant, List.of("admin"), List.of());
            SeatingProblem wedding = InstanceGenerator.generate(InstanceGenerator.Kind.WEDDING, guests, 1);
            HttpClient http = HttpClient.newHttpClient();
            URI eventUri = stack.httpEndpoint().resolve("/v1/events/" + event);
            // Set up as an admin would: the event with the generator's zones, its tables, confirmed guests, wishes.
            List<Map<String, Object>> zones = Stream.of("A", "B", "C", "D")
                    .map(z -> Map.<String, Object>of("id", z, "name", "Zone " + z, "letter", z, "color", "#33669" + z)).toList();
            require(send(http, admin, "PUT", eventUri, Map.of("name", "Bench wedding", "kind", "wedding", "zones", zones)), 201);
            require(send(http, admin, "PUT", uri(eventUri, "/tables"), Map.of("tables", wedding.tables())), 200);
            require(send(http, admin, "PUT", uri(eventUri, "/guests"), Map.of("guests", wedding.guests().stream()
                    .map(g -> Map.of("id", g.id(), "first_name", "Guest", "household_id", g.householdId(), "tags", g.tags(),
                            "rsvp", "confirmed")).toList())), 200);
            require(send(http, admin, "PUT", uri(eventUri, "/seating/relations"),
                    Map.of("relations", wedding.relations(), "must_apart", wedding.mustApart())), 200);
            URI solve = uri(eventUri, "/seating/solve");
            Map<String, Object> body = Map.of("time_limit_ms", limitMs);
            for (int i = 0; i < WARM_UP; i++) {
                send(http, admin, "POST", solve, body);
            }
            Histogram latency = new Histogram(120_000_000L, 3);
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                int status = send(http, admin, "POST", solve, body);
                latency.recordValue((System.nanoTime() - t0) / 1_000);
                if (status != 200) {
                    throw new IllegalStateException("solve answered " + status);
                }
            }
            double p50 = latency.getValueAtPercentile(50) / 1000.0;
            double p95 = latency.getValueAtPercentile(95) / 1000.0;
            System.out.printf("guests=%d time_limit_ms=%d requests=%d (after %d warm-up), one at a time%n", guests, limitMs,
                    requests, WARM_UP);
            System.out.printf("POST …/seating/solve latency ms: p50=%.0f p95=%.0f max=%.0f; p95 over the limit: %.0f ms%n",
                    p50, p95, latency.getMaxValue() / 1000.0, p95 - limitMs);
        }
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind after the stack closed.
        System.exit(0);
    }

    private static URI uri(URI event, String suffix) {
        return event.resolve(event.getPath() + suffix);
    }

    private static void require(int status, int expected) {
        if (status != expected) {
            throw new IllegalStateException("set-up answered " + status + ", expected " + expected);
        }
    }

    private static int send(HttpClient http, String token, String method, URI uri, Object body) throws Exception {
        var request = HttpRequest.newBuilder(uri).header("authorization", "Bearer " + token)
                .header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
