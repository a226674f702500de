package io.seatpilot.bench.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.checkin.CheckinHandler;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import io.seatpilot.simulator.DoorSimulation;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Issue 13's server-side figures: the door list of N guests (size raw and gzipped; fetched, unzipped, parsed and
 * indexed by pass hash, code hash and name key, as a kiosk does before doors open; a 304 revalidation; the
 * handler's own time of both answers), and the
 * guest's pass page {@code GET /p/{token}} warm: the handler's own time (what Lambda bills) and the client's.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.checkin.DoorListBenchmark [guests=3000] [pages=1000] [fetches=10]}
 */
public final class DoorListBenchmark {

    private static final String PAGE = "GET /p/{token}";
    private static final String LIST = "GET /v1/events/{eventId}/doorlist";

    private DoorListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int pages = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int fetches = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Histogram handler = new ConcurrentHistogram(60_000_000L, 3);
        Histogram listHandler = new ConcurrentHistogram(60_000_000L, 3);
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true)
                .handlerOverride("CheckinFunction", env -> new TimedHandler(new TimedHandler(new CheckinHandler(env), handler, PAGE),
                        listHandler, LIST))
                .build().start()) {
            String tenant = "doorlist-" + UUID.randomUUID().toString().substring(0, 6);
            long setUp = System.nanoTime();
            DoorSimulation door = DoorSimulation.prepare(new DoorSimulation.Settings(stack.httpEndpoint(), tenant,
                    stack.issueToken(tenant, List.of("admin"), List.of()), guests, 1, 0, 1, 11, false));
            System.out.printf("event of %d guests set up, passes issued (with their PBKDF2 code hashes) in %.1f s%n",
                    guests, (System.nanoTime() - setUp) / 1e9);
            HttpClient http = HttpClient.newHttpClient();
            URI list = stack.httpEndpoint().resolve("/v1/events/" + door.eventId() + "/doorlist");
            String staff = stack.issueToken(tenant, List.of("staff"), List.of());

            Histogram fetched = new Histogram(60_000_000L, 3);
            int raw = 0;
            int gzipped = 0;
            String etag = null;
            int indexed = 0;
            for (int i = 0; i < fetches + 2; i++) {
                if (i == 2) {
                    listHandler.reset();
                }
                long started = System.nanoTime();
                var response = http.send(HttpRequest.newBuilder(list).header("authorization", "Bearer " + staff)
                        .header("accept-encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
                byte[] json;
                try (var in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
                    json = in.readAllBytes();
                }
                indexed = index(Json.MAPPER.readTree(json));
                if (i >= 2) { // the first two warm the JIT and the function
                    fetched.recordValue((System.nanoTime() - started) / 1_000);
                }
                raw = json.length;
                gzipped = response.body().length;
                etag = response.headers().firstValue("etag").orElseThrow();
            }
            System.out.printf("door list: %d guests, %,d bytes JSON, %,d bytes gzipped (%.2f MB; %.1fx smaller)%n",
                    guests, raw, gzipped, gzipped / 1_048_576.0, raw / (double) gzipped);
            System.out.printf("fetched + gunzipped + parsed + indexed (%d keys), n=%d: p50=%.1f ms max=%.1f ms%n", indexed,
                    fetched.getTotalCount(), fetched.getValueAtPercentile(50) / 1000.0, fetched.getMaxValue() / 1000.0);
            System.out.printf("door list 200, handler's own time, n=%d: p50=%.1f ms max=%.1f ms%n", listHandler.getTotalCount(),
                    listHandler.getValueAtPercentile(50) / 1000.0, listHandler.getMaxValue() / 1000.0);
            listHandler.reset();
            Histogram revalidated = new Histogram(60_000_000L, 3);
            for (int i = 0; i < fetches; i++) {
                long started = System.nanoTime();
                var response = http.send(HttpRequest.newBuilder(list).header("authorization", "Bearer " + staff)
                        .header("if-none-match", etag).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 304) {
                    throw new IllegalStateException("expected 304, got " + response.statusCode());
                }
                revalidated.recordValue((System.nanoTime() - started) / 1_000);
            }
            System.out.printf("unchanged list revalidated (304), n=%d: p50=%.1f ms max=%.1f ms%n",
                    revalidated.getTotalCount(), revalidated.getValueAtPercentile(50) / 1000.0, revalidated.getMaxValue() / 1000.0);
            System.out.printf("door list 304, handler's own time, n=%d: p50=%.2f ms max=%.2f ms%n", listHandler.getTotalCount(),
                    listHandler.getValueAtPercentile(50) / 1000.0, listHandler.getMaxValue() / 1000.0);

            // warm-up (JIT, event context cache, connections), keeping the passes that have a page: guests who
            // declined get the 404 page
            List<String> tokens = new ArrayList<>();
            for (String token : door.passTokens().values()) {
                if (tokens.size() >= 300) {
                    break;
                }
                if (page(http, stack.httpEndpoint(), token, "es").statusCode() == 200) {
                    tokens.add(token);
                }
            }
            handler.reset();
            Histogram client = new Histogram(60_000_000L, 3);
            for (int i = 0; i < pages; i++) {
                long started = System.nanoTime();
                var response = page(http, stack.httpEndpoint(), tokens.get(i % tokens.size()), i % 2 == 0 ? "es" : "en");
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("pass page answered " + response.statusCode());
                }
                client.recordValue((System.nanoTime() - started) / 1_000);
            }
            System.out.printf("GET /p/{token} warm, handler's own time, n=%d: p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms%n",
                    handler.getTotalCount(), handler.getValueAtPercentile(50) / 1000.0, handler.getValueAtPercentile(95) / 1000.0,
                    handler.getValueAtPercentile(99) / 1000.0, handler.getMaxValue() / 1000.0);
            System.out.printf("GET /p/{token} warm, client round trip through the local gateway: p50=%.2f ms p95=%.2f ms%n",
                    client.getValueAtPercentile(50) / 1000.0, client.getValueAtPercentile(95) / 1000.0);
        }
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind after it stopped
        System.exit(0);
    }

    private static HttpResponse<String> page(HttpClient http, URI base, String token, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/p/" + token)).header("accept", "text/html")
                .header("accept-language", language).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The kiosk's lookups: pass hash → guest or household, code hash → guest or household, name key → guests. */
    private static int index(JsonNode list) {
        Map<String, String> byPass = new HashMap<>();
        Map<String, String> byCode = new HashMap<>();
        Map<String, List<String>> byName = new HashMap<>();
        for (JsonNode guest : list.get("guests")) {
            String id = guest.get("guest_id").asText();
            guest.get("pass_hashes").forEach(h -> byPass.put(h.asText(), id));
            if (guest.hasNonNull("code_hash")) {
                byCode.put(guest.get("code_hash").asText(), id);
            }
            guest.get("name_keys").forEach(k -> byName.computeIfAbsent(k.asText(), x -> new ArrayList<>()).add(id));
        }
        for (JsonNode household : list.get("households")) {
            String id = "household:" + household.get("id").asText();
            household.get("pass_hashes").forEach(h -> byPass.put(h.asText(), id));
            if (household.hasNonNull("code_hash")) {
                byCode.put(household.get("code_hash").asText(), id);
            }
        }
        return byPass.size() + byCode.size() + byName.size();
    }
}
