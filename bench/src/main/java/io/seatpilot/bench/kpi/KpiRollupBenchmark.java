package io.seatpilot.bench.kpi;

import io.seatpilot.bench.load.AwsCallCounter;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.kpi.KpiFact;
import io.seatpilot.core.kpi.KpiFacts;
import io.seatpilot.core.kpi.KpiRollups;
import io.seatpilot.core.kpi.KpiWiring;
import io.seatpilot.core.kpi.KpiStore;
import io.seatpilot.local.LocalStack;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Issue 4, benchmark 3: the KPI rollup of one event with G guests and N telemetry facts, on DynamoDB Local (the
 * local stack's table, from the template). The facts are filed as the facts function files a stream batch
 * (pages of 100) for an event set up through the API with its guests, then: a full rollup (every minute changed, as after a bulk late upload), the steady per-minute
 * rollup (one new minute of facts), and a whole-event read with hourly steps. Prints wall time and the DynamoDB
 * read and write units each one consumed.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.kpi.KpiRollupBenchmark [guests=3000] [facts=50000] [hours=3]}
 */
public final class KpiRollupBenchmark {

    private static final long MINUTE = 60_000;

    private KpiRollupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int total = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int hours = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).automaticSchedules(false).build().start()) {
            var dynamo = stack.awsClients().dynamoDb();
            String table = stack.tableName("DataTable");
            KpiRollups rollups = new KpiWiring(dynamo, table, Clock.systemUTC()).rollups();
            KpiStore store = new KpiStore(dynamo, table);
            String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 6);
            String event = "gala-bench";
            long now = System.currentTimeMillis();
            long start = (now / MINUTE - hours * 60L) * MINUTE;
            setUp(stack, tenant, event, guests, start);

            List<KpiFact> facts = facts(guests, total, start, now - 2 * MINUTE, new Random(7));
            AwsCallCounter.reset();
            long filing = System.nanoTime();
            for (int i = 0; i < facts.size(); i += 100) {
                rollups.record("page-" + i, facts.subList(i, Math.min(facts.size(), i + 100)).stream()
                        .map(fact -> new KpiFacts.Located(tenant, event, fact)).toList());
            }
            report("file " + facts.size() + " facts (" + (facts.size() + 99) / 100 + " stream batches)", filing);

            KpiStore.Dirty all = only(store.dirtyEvents(), tenant);
            AwsCallCounter.reset();
            long full = System.nanoTime();
            KpiRollups.Rolled rolled = rollups.rollUp(all);
            report("full rollup: " + all.minutes().size() + " changed minutes, " + rolled.minutes() + " minute windows written", full);
            System.out.println("  event total: " + rolled.total());

            long[] steadyMs = new long[10];
            double steadyRead = 0;
            double steadyWrite = 0;
            for (int run = 0; run < steadyMs.length; run++) {
                long minuteStart = (System.currentTimeMillis() / MINUTE) * MINUTE;
                rollups.record("steady-" + run, facts(40, 160, minuteStart, minuteStart + 1_000, new Random(run)).stream()
                        .map(fact -> new KpiFacts.Located(tenant, event, fact)).toList());
                AwsCallCounter.reset();
                long t = System.nanoTime();
                rollups.rollUp(only(store.dirtyEvents(), tenant));
                steadyMs[run] = (System.nanoTime() - t) / 1_000_000;
                steadyRead += readUnits();
                steadyWrite += AwsCallCounter.writeUnits();
            }
            Arrays.sort(steadyMs);
            System.out.printf("steady rollup (one new minute of 160 facts, x%d): median %d ms, max %d ms, %.1f read units and %.1f write units per run%n",
                    steadyMs.length, steadyMs[steadyMs.length / 2], steadyMs[steadyMs.length - 1], steadyRead / steadyMs.length,
                    steadyWrite / steadyMs.length);

            AwsCallCounter.reset();
            long read = System.nanoTime();
            Map<String, Object> answer = rollups.read(tenant, event, Optional.of((start / 3_600_000) * 3_600_000), Optional.of(now + MINUTE),
                    Optional.empty());
            report("GET …/kpis whole event (" + ((List<?>) answer.get("windows")).size() + " window from hour windows)", read);
            AwsCallCounter.reset();
            read = System.nanoTime();
            answer = rollups.read(tenant, event, Optional.of(start), Optional.of(start + hours * 3_600_000L), Optional.of(MINUTE));
            report("GET …/kpis per minute (" + ((List<?>) answer.get("windows")).size() + " windows)", read);
        }
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind after it stopped
        System.exit(0);
    }

    /** The event and its guests, through the API as a planner would: the rollup reads both for the state KPIs. */
    private static void setUp(LocalStack stack, String tenant, String event, int guests, long startsAt) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String admin = stack.issueToken(tenant, List.of("admin"), List.of());
        put(http, stack, admin, "/v1/events/" + event, Map.of("name", "Bench Gala", "kind", "gala", "timezone", "UTC",
                "starts_at", startsAt, "zones", List.of(Map.of("id", "za", "name", "Hall", "letter", "A", "color", "#1f77b4",
                        "capacity", guests)), "exits", List.of(Map.of("id", "x1", "name", "North", "status", "OPEN"))));
        put(http, stack, admin, "/v1/events/" + event + "/guests", Map.of("guests", IntStream.range(0, guests)
                .mapToObj(i -> Map.of("id", "g" + i, "first_name", "Guest", "last_name", "N" + i, "rsvp", "confirmed")).toList()));
    }

    private static void put(HttpClient http, LocalStack stack, String token, String path, Object body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(stack.httpEndpoint().resolve(path))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException("PUT " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /**
     * A door's facts: each guest one successful session (scan start, render, check-in, table arrival 20 s–5 min
     * later), the rest scans that went nowhere (re-scans, lookups: start and render), arrivals front-loaded (most
     * in the first half hour), all between {@code from} and {@code to}, in time order as the stream delivers them.
     */
    private static List<KpiFact> facts(int guests, int total, long from, long to, Random random) {
        List<KpiFact> facts = new ArrayList<>(total);
        long span = to - from;
        for (int g = 0; g < guests && facts.size() + 4 <= total; g++) {
            long scan = from + (long) (Math.min(0.95, -Math.log(1 - random.nextDouble()) / 4) * span);
            String session = "s-" + UUID.randomUUID();
            long checkin = scan + 250 + random.nextInt(600);
            facts.add(fact(KpiFact.Kind.QR_SCAN_START, scan, session, null));
            facts.add(fact(KpiFact.Kind.UI_RENDER_DONE, scan + 120 + random.nextInt(400), session, null));
            facts.add(fact(KpiFact.Kind.CHECKIN_SUCCESS, checkin, session, "g" + g));
            facts.add(fact(KpiFact.Kind.ARRIVE_TABLE, Math.min(to, checkin + 20_000 + random.nextInt(280_000)), "t-" + g, "g" + g));
        }
        while (facts.size() + 2 <= total) {
            long scan = from + (long) (random.nextDouble() * span);
            String session = "s-" + UUID.randomUUID();
            facts.add(fact(KpiFact.Kind.QR_SCAN_START, scan, session, null));
            facts.add(fact(KpiFact.Kind.UI_RENDER_DONE, scan + 120 + random.nextInt(400), session, null));
        }
        facts.sort(Comparator.comparingLong(KpiFact::tsMs));
        return facts;
    }

    private static KpiFact fact(KpiFact.Kind kind, long ts, String session, String guest) {
        return new KpiFact(UUID.randomUUID().toString(), kind, ts, Optional.of(session), Optional.ofNullable(guest));
    }

    private static KpiStore.Dirty only(List<KpiStore.Dirty> dirty, String tenant) {
        return dirty.stream().filter(d -> d.tenant().equals(tenant)).findFirst().orElseThrow();
    }

    private static double readUnits() {
        return AwsCallCounter.unitsByOperation().entrySet().stream()
                .filter(e -> e.getKey().endsWith(".Query") || e.getKey().endsWith(".GetItem"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static void report(String what, long startNanos) {
        System.out.printf("%s: %d ms, %.1f read units, %.1f write units, calls %s%n", what, (System.nanoTime() - startNanos) / 1_000_000,
                readUnits(), AwsCallCounter.writeUnits(), AwsCallCounter.calls());
    }
}
