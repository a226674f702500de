package io.seatpilot.bench.seating;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.gateway.TokenRequest;
import io.seatpilot.seating.Guest;
import io.seatpilot.seating.HardRules;
import io.seatpilot.seating.InstanceGenerator;
import io.seatpilot.seating.Placement;
import io.seatpilot.seating.SeatingEngine;
import io.seatpilot.seating.SeatingProblem;
import io.seatpilot.seating.SeatingResult;
import io.seatpilot.seating.SolveOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * SPEC §17 on a 3 000-guest event. First the engine alone: placing a walk-in household into the solved plan
 * ({@code SeatingEngine.placeNew} plus the hard-rule check the server makes), against a keep_current re-solve of
 * the same plan as the baseline, in the same run. Then through the local stack: {@code POST …/walkins} (server
 * time as the gateway sees it: every read, placement, plan write and the check-in) and re-seat → the door's
 * answer changed (a re-seat, then the pass view polled every 10 ms until it shows the new table).
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.seating.DayOfBenchmark [guests=3000] [walkIns=40] [reseats=30]}
 */
public final class DayOfBenchmark {

    private DayOfBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int walkIns = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int reseats = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        SeatingProblem event = InstanceGenerator.generate(InstanceGenerator.Kind.WEDDING, guests, 1);
        var solved = (SeatingResult.Solved) SeatingEngine.solve(event, SolveOptions.timed(5_000, 1));
        engineAlone(event, solved.assignments(), walkIns);
        throughTheStack(event, solved.assignments(), walkIns, reseats);
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind after the stack closed.
        System.exit(0);
    }

    private static void engineAlone(SeatingProblem event, Map<String, String> plan, int walkIns) {
        Histogram place = new Histogram(60_000_000_000L, 3);
        for (int i = -10; i < walkIns; i++) {
            SeatingProblem withWalkIn = withHousehold(event, "w" + i, 1 + Math.floorMod(i, 4));
            long t0 = System.nanoTime();
            Placement placement = SeatingEngine.placeNew(withWalkIn, plan);
            Map<String, String> whole = new HashMap<>(plan);
            if (placement instanceof Placement.Placed placed) {
                whole.putAll(placed.tables());
            }
            HardRules.check(withWalkIn, whole);
            long micros = (System.nanoTime() - t0) / 1_000;
            if (i >= 0) {
                place.recordValue(micros);
            }
        }
        Histogram resolve = new Histogram(60_000_000_000L, 3);
        for (int i = 0; i < 5; i++) {
            SeatingProblem withWalkIn = withHousehold(event, "r" + i, 3).withCurrent(plan);
            long t0 = System.nanoTime();
            SeatingEngine.solve(withWalkIn, new SolveOptions(20_000, 1, 20_000));
            resolve.recordValue((System.nanoTime() - t0) / 1_000);
        }
        System.out.printf("engine, %d guests: placeNew + hard-rule check µs p50=%d p95=%d (n=%d); keep_current re-solve "
                        + "(20 000 iterations) µs p50=%d (n=5); ratio re-solve/placeNew p50 = %.0fx%n", event.guests().size(),
                place.getValueAtPercentile(50), place.getValueAtPercentile(95), walkIns, resolve.getValueAtPercentile(50),
                (double) resolve.getValueAtPercentile(50) / Math.max(1, place.getValueAtPercentile(50)));
    }

    private static SeatingProblem withHousehold(SeatingProblem event, String id, int size) {
        List<Guest> guests = new ArrayList<>(event.guests());
        for (int g = 0; g < size; g++) {
            guests.add(new Guest(id + "-" + g, "h-" + id, Set.of()));
        }
        return new SeatingProblem(event.tables(), guests, event.relations(), event.mustApart(), event.locks(), event.current(),
                event.weights());
    }

    private static void throughTheStack(SeatingProblem event, Map<String, String> plan, int walkIns, int reseats) throws Exception {
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start()) {
            String tenant = "dayof-" + UUID.randomUUID().toString().substring(0, 6);
            String id = "gala-" + event.guests().size();
            String admin = stack.issueToken(tenant, List.of("admin"), List.of());
            HttpClient http = HttpClient.newHttpClient();
            URI eventUri = stack.httpEndpoint().resolve("/v1/events/" + id);
            List<Map<String, Object>> zones = Stream.of("A", "B", "C", "D")
                    .map(z -> Map.<String, Object>of("id", z, "name", "Zone " + z, "letter", z, "color", "#33669" + z)).toList();
            require(send(http, admin, "PUT", eventUri, Map.of("name", "Bench gala", "kind", "gala", "zones", zones)), 201);
            require(send(http, admin, "PUT", uri(eventUri, "/tables"), Map.of("tables", event.tables())), 200);
            for (int from = 0; from < event.guests().size(); from += 1_000) {
                require(send(http, admin, "PUT", uri(eventUri, "/guests"), Map.of("guests", event.guests()
                        .subList(from, Math.min(event.guests().size(), from + 1_000)).stream()
                        .map(g -> Map.of("id", g.id(), "first_name", "Guest", "household_id", g.householdId(), "tags", g.tags(),
                                "rsvp", "confirmed")).toList())), 200);
            }
            require(send(http, admin, "PUT", uri(eventUri, "/seating/relations"),
                    Map.of("relations", event.relations(), "must_apart", event.mustApart())), 200);
            Answer solved = call(http, admin, "POST", uri(eventUri, "/seating/solve"), Map.of("time_limit_ms", 3_000));
            require(solved.status, 200);
            require(call(http, admin, "POST", uri(eventUri, "/seating/publish"),
                    Map.of("version", solved.json().get("version").asLong())).status, 200);

            Histogram walkIn = new Histogram(120_000_000L, 3);
            int refused = 0;
            for (int i = -5; i < walkIns; i++) {
                String staff = stack.tokens().issue(TokenRequest.of(tenant, List.of("staff")).withSubject("bench-" + i));
                List<Map<String, Object>> companions = new ArrayList<>();
                for (int c = 0; c < Math.floorMod(i, 4); c++) {
                    companions.add(Map.of("first_name", "Companion" + c));
                }
                long t0 = System.nanoTime();
                Answer answer = call(http, staff, "POST", uri(eventUri, "/walkins"), Map.of("walkin_id", UUID.randomUUID().toString(),
                        "first_name", "Walk", "last_name", "In", "companions", companions));
                long micros = (System.nanoTime() - t0) / 1_000;
                if (answer.status == 409) {
                    refused++;
                } else {
                    require(answer.status, 201);
                }
                if (i >= 0) {
                    walkIn.recordValue(micros);
                }
            }
            System.out.printf("local stack, %d guests: POST …/walkins ms p50=%.0f p95=%.0f max=%.0f (n=%d, %d refused full)%n",
                    event.guests().size(), walkIn.getValueAtPercentile(50) / 1000.0, walkIn.getValueAtPercentile(95) / 1000.0,
                    walkIn.getMaxValue() / 1000.0, walkIns, refused);

            String single = event.guests().stream().filter(g -> event.guests().stream()
                    .noneMatch(o -> o != g && o.householdId() != null && o.householdId().equals(g.householdId())))
                    .filter(g -> !g.pmr()).map(Guest::id).findFirst().orElseThrow();
            // one pass: issuing 3 000 (a KMS-keyed short code each) takes longer than the gateway's 30 s locally
            Answer passes = call(http, admin, "POST", uri(eventUri, "/passes"), Map.of("guest_ids", List.of(single)));
            require(passes.status, 201);
            String ops = stack.issueToken(tenant, List.of("ops"), List.of());
            Histogram changed = new Histogram(120_000_000L, 3);
            URI passView = null;
            for (JsonNode p : passes.json().get("passes")) {
                if (single.equals(p.path("guest_id").asText())) {
                    passView = stack.httpEndpoint().resolve("/v1/passes/" + p.get("token").asText());
                }
            }
            int moved = 0;
            for (int i = 0; moved < reseats && i < event.tables().size() * 2; i++) {
                String target = event.tables().get(i % event.tables().size()).id();
                String label = label(call(http, null, "GET", passView, null));
                if (target.equals(label)) {
                    continue;
                }
                long t0 = System.nanoTime();
                Answer answer = call(http, ops, "POST", uri(eventUri, "/reseats"),
                        Map.of("guest_id", single, "to_table_id", target, "reason_code", "staff_override"));
                if (answer.status != 200) {
                    continue; // a full table or a must_apart partner there: the next table
                }
                while (!target.equals(label(call(http, null, "GET", passView, null)))) {
                    Thread.sleep(10);
                }
                changed.recordValue((System.nanoTime() - t0) / 1_000);
                moved++;
            }
            System.out.printf("local stack: re-seat -> pass view changed ms p50=%.0f p95=%.0f max=%.0f (n=%d)%n",
                    changed.getValueAtPercentile(50) / 1000.0, changed.getValueAtPercentile(95) / 1000.0,
                    changed.getMaxValue() / 1000.0, moved);
        }
    }

    private static String label(Answer answer) {
        return answer.json().path("table_label").asText();
    }

    private static URI uri(URI event, String suffix) {
        return event.resolve(event.getPath() + suffix);
    }

    private static void require(int status, int expected) {
        if (status != expected) {
            throw new IllegalStateException("answered " + status + ", expected " + expected);
        }
    }

    private record Answer(int status, String body) {
        JsonNode json() {
            return Json.read(body);
        }
    }

    private static int send(HttpClient http, String token, String method, URI uri, Object body) throws Exception {
        return call(http, token, method, uri, body).status;
    }

    private static Answer call(HttpClient http, String token, String method, URI uri, Object body) throws Exception {
        var request = HttpRequest.newBuilder(uri).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
