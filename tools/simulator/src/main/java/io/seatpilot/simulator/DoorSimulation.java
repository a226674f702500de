package io.seatpilot.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.signing.RequestSigner;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A realistic door, end to end through the API: a planner sets up an event (zones, tables, guests and households,
 * passes, a solved and published seating plan), then kiosks check guests in along an arrival curve — most in the first 30 minutes — by QR pass, typed
 * code or name search, households together (one household pass) or apart, a few guests scanned twice at two
 * doors, some kiosks offline for minutes that then upload their queue through ingest, and table devices
 * confirming arrivals afterwards; on the day, a few walk-ins at the kiosks and two re-seats by ops (SPEC §17).
 * Simulated time runs {@code speed} times faster than the wall clock.
 */
public final class DoorSimulation {

    private static final long MINUTE = 60_000;
    private static final long EVENT_SPAN = 90 * MINUTE;
    private static final long OFFLINE_FROM = 10 * MINUTE;
    private static final long OFFLINE_UNTIL = 16 * MINUTE;
    private static final int TELEMETRY_BATCH = 20;
    private static final int PASS_CHUNK = 500;

    public record Settings(URI base, String tenant, String adminToken, int guests, int kiosks, int offlineKiosks,
                           double speed, long seed, boolean tableArrivals) {
    }

    /** Latency per route (µs) and how many answers of each status. */
    public record Report(String eventId, Map<String, Histogram> latency, Map<String, Long> outcomes, double wallSeconds) {

        public void print(PrintStream out) {
            out.printf("event %s simulated in %.1f s%n", eventId, wallSeconds);
            latency.forEach((route, h) -> out.printf("  %-28s n=%-6d p50=%7.2f ms  p95=%7.2f ms  p99=%7.2f ms  max=%7.2f ms%n",
                    route, h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0));
            out.println("  answers: " + outcomes);
        }
    }

    private final Settings settings;
    private final Random random;
    private final SeatPilotClient client;
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<String, String> passes = new HashMap<>();
    private final Map<String, String> householdPasses = new HashMap<>();
    private final List<RequestSigner> kiosks = new ArrayList<>();
    private final Map<Integer, List<ObjectNode>> offlineQueues = new ConcurrentHashMap<>();
    private final Map<Integer, List<ObjectNode>> telemetryBuffers = new ConcurrentHashMap<>();
    /** Where the published plan seats each guest (the door and the table devices follow it). */
    private final Map<String, String> planned = new ConcurrentHashMap<>();
    private RequestSigner tableDevice;
    private String opsToken;
    private String eventId;
    private GuestList list;

    private DoorSimulation(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.client = new SeatPilotClient(settings.base());
    }

    public static Report run(Settings settings) throws InterruptedException {
        return prepare(settings).play();
    }

    /** Sets the event up through the API (as a planner would) and plans the door; nothing is checked in yet. */
    public static DoorSimulation prepare(Settings settings) {
        DoorSimulation simulation = new DoorSimulation(settings);
        simulation.list = GuestList.generate(settings.guests(), simulation.random);
        simulation.setUp(simulation.list);
        return simulation;
    }

    /** The event {@link #prepare} set up, so a watcher (a dashboard) can follow it while the door plays. */
    public String eventId() {
        return eventId;
    }

    /** The guests' pass tokens as issued, by guest id (for benchmarks of the guest's own pages). */
    public Map<String, String> passTokens() {
        return Map.copyOf(passes);
    }

    /** Plays the door along the arrival curve. */
    public Report play() throws InterruptedException {
        List<Timed> plan = plan(list);
        long started = System.nanoTime();
        List<ExecutorService> doors = new ArrayList<>();
        for (int i = 0; i < kiosks.size(); i++) {
            doors.add(Executors.newSingleThreadExecutor(Thread.ofVirtual().factory()));
        }
        try (ExecutorService tables = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Timed action : plan) {
                long due = started + (long) (action.at() / settings.speed() * 1_000_000);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                (action.kiosk() < 0 ? tables : doors.get(action.kiosk())).submit(() -> safely(action.work()));
            }
            for (ExecutorService door : doors) {
                door.shutdown();
            }
            for (ExecutorService door : doors) {
                door.awaitTermination(10, TimeUnit.MINUTES);
            }
        }
        flushTelemetry();
        return report(started);
    }

    /**
     * Name lookups only, as fast as the kiosks can send them, each for a guest of the list typed as "first name
     * + two letters of the last name" (a load for measuring search alone).
     */
    public Report searches(int count) {
        latency.clear();
        outcomes.clear();
        List<GuestList.Guest> guests = list.households().stream().flatMap(p -> p.members().stream()).toList();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int k = 0; k < kiosks.size(); k++) {
                int kiosk = k;
                Random own = new Random(settings.seed() + k);
                pool.submit(() -> {
                    for (int i = kiosk; i < count; i += kiosks.size()) {
                        safely(() -> search(kiosk, guests.get(own.nextInt(guests.size()))));
                    }
                });
            }
        }
        return report(started);
    }

    private Report report(long started) {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        if (client.rateLimitedRetries() > 0) {
            counts.put("sent again after 429 rate_limited", client.rateLimitedRetries());
        }
        return new Report(eventId, new TreeMap<>(latency), counts, (System.nanoTime() - started) / 1e9);
    }

    // ---------- set-up, as a planner does it ----------

    private void setUp(GuestList list) {
        String token = settings.adminToken() != null ? settings.adminToken() : client.localToken(settings.tenant(), "admin");
        eventId = "sim-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/v1/events/" + eventId;
        SeatPilotClient.require(client.withToken(token, "PUT", path, "application/json", Json.write(Map.of(
                "name", "Simulated gala", "kind", "gala", "starts_at", System.currentTimeMillis(), "timezone", "Europe/Madrid",
                "zones", list.zones(), "exits", List.of(Map.of("id", "north", "name", "North door", "status", "OPEN"))))),
                201, "PUT event");
        SeatPilotClient.require(client.withToken(token, "PUT", path + "/tables", "application/json",
                Json.write(Map.of("tables", list.tables()))), 200, "PUT tables");
        SeatPilotClient.require(client.withToken(token, "PUT", path + "/guests", "application/json",
                Json.write(Map.of("guests", list.guestRows()))), 200, "PUT guests");
        // in chunks, as a planner's tool would: each pass also gets its door-list code hash (PBKDF2) at issue, and
        // one request for thousands of guests would run into the gateway's 30 s
        List<String> ids = list.guestRows().stream().map(row -> String.valueOf(row.get("id"))).toList();
        for (int from = 0; from < ids.size(); from += PASS_CHUNK) {
            var issued = client.withToken(token, "POST", path + "/passes", "application/json", Json.write(Map.of(
                    "guest_ids", ids.subList(from, Math.min(ids.size(), from + PASS_CHUNK)), "households", true)));
            SeatPilotClient.require(issued, 201, "POST passes");
            // a household spanning two chunks is issued twice: its later pass is the valid one, and replaces it here
            for (JsonNode pass : issued.json().get("passes")) {
                (pass.has("guest_id") ? passes : householdPasses)
                        .put(pass.path("guest_id").asText(pass.path("household_id").asText()), pass.get("token").asText());
            }
        }
        // the planner lets the engine seat everyone and publishes: walk-ins and re-seats change that plan on the day
        var solved = client.withToken(token, "POST", path + "/seating/solve", "application/json", Json.write(Map.of("time_limit_ms", 1_000)));
        SeatPilotClient.require(solved, 200, "POST seating/solve");
        SeatPilotClient.require(client.withToken(token, "POST", path + "/seating/publish", "application/json",
                Json.write(Map.of("version", solved.json().get("version").asLong()))), 200, "POST seating/publish");
        solved.json().get("assignments").properties().forEach(e -> planned.put(e.getKey(), e.getValue().asText()));
        opsToken = token;
        for (int i = 1; i <= settings.kiosks(); i++) {
            kiosks.add(key(token, "kiosk-" + i));
        }
        tableDevice = key(token, "tables");
    }

    private RequestSigner key(String token, String deviceId) {
        var answer = client.withToken(token, "POST", "/v1/devices", "application/json",
                Json.write(Map.of("device_id", deviceId, "role", "kiosk", "events", List.of(eventId))));
        SeatPilotClient.require(answer, 201, "POST /v1/devices");
        return new RequestSigner(answer.json().get("key_id").asText(), answer.json().get("secret").asText());
    }

    // ---------- the arrival plan ----------

    private record Timed(long at, int kiosk, Runnable work) {
    }

    private List<Timed> plan(GuestList list) {
        List<Timed> plan = new ArrayList<>();
        for (GuestList.Party party : list.households()) {
            boolean apart = party.members().size() > 1 && random.nextDouble() < 0.25;
            List<List<GuestList.Guest>> groups = apart
                    ? List.of(party.members().subList(0, party.members().size() / 2),
                    party.members().subList(party.members().size() / 2, party.members().size()))
                    : List.of(party.members());
            for (List<GuestList.Guest> group : groups) {
                long at = arrivalTime();
                int kiosk = random.nextInt(kiosks.size());
                plan.add(new Timed(at, kiosk, () -> door(kiosk, party, group, at)));
                if (random.nextDouble() < 0.02) {
                    int other = (kiosk + 1) % kiosks.size();
                    long again = at + 5_000 + random.nextInt(55_000);
                    plan.add(new Timed(again, other, () -> door(other, party, group, again)));
                }
                if (!group.getFirst().declined()) {
                    // a few guests step out (a smoke, the car park) and come back: a check-out, then a re-entry
                    for (GuestList.Guest guest : group) {
                        if (random.nextDouble() < 0.03) {
                            int door = random.nextInt(kiosks.size());
                            long out = at + 10 * MINUTE + random.nextInt((int) (20 * MINUTE));
                            long back = out + 3 * MINUTE + random.nextInt((int) (12 * MINUTE));
                            plan.add(new Timed(out, door, () -> stepOut(door, guest, out)));
                            plan.add(new Timed(back, door, () -> checkIn(door, back, Map.of("guest_id", guest.id(), "mode", "name"))));
                        }
                    }
                }
                if (settings.tableArrivals() && !group.getFirst().declined()) {
                    for (GuestList.Guest guest : group) {
                        long seated = at + 20_000 + random.nextInt(70_000);
                        if (random.nextDouble() < 0.9) {
                            plan.add(new Timed(seated, -1, () -> arrive(guest)));
                        }
                    }
                }
            }
        }
        for (int k = 0; k < Math.min(settings.offlineKiosks(), kiosks.size()); k++) {
            int kiosk = k;
            plan.add(new Timed(OFFLINE_UNTIL, kiosk, () -> upload(kiosk)));
        }
        // on the day: a few walk-ins at the door (one in a hundred, at least three) and two re-seats by ops
        for (int w = 0; w < Math.max(3, settings.guests() / 100); w++) {
            int walkIn = w;
            long at = 5 * MINUTE + random.nextInt((int) (50 * MINUTE));
            int kiosk = random.nextInt(kiosks.size());
            int companions = random.nextInt(3);
            plan.add(new Timed(at, kiosk, () -> walkIn(kiosk, walkIn, companions)));
        }
        List<GuestList.Guest> singles = list.households().stream().filter(p -> p.members().size() == 1)
                .map(p -> p.members().getFirst()).filter(g -> !g.declined()).toList();
        for (long at : List.of(20 * MINUTE, 40 * MINUTE)) {
            if (!singles.isEmpty()) {
                GuestList.Guest guest = singles.get(random.nextInt(singles.size()));
                plan.add(new Timed(at, -1, () -> reseat(guest)));
            }
        }
        plan.sort(Comparator.comparingLong(Timed::at));
        return plan;
    }

    /** Three quarters of the guests in the first 30 minutes, front-loaded; the rest over the next hour. */
    private long arrivalTime() {
        double u = random.nextDouble();
        return random.nextDouble() < 0.75 ? (long) (30 * MINUTE * Math.pow(u, 1.4))
                : 30 * MINUTE + (long) (u * (EVENT_SPAN - 30 * MINUTE));
    }

    private boolean offline(int kiosk, long at) {
        return kiosk < settings.offlineKiosks() && at >= OFFLINE_FROM && at < OFFLINE_UNTIL;
    }

    // ---------- at the door ----------

    private void door(int kiosk, GuestList.Party party, List<GuestList.Guest> group, long at) {
        boolean household = group.size() > 1 && random.nextDouble() < 0.7;
        if (household) {
            checkIn(kiosk, at, Map.of("household_pass", householdPasses.get(party.householdId()), "guest_ids",
                    group.stream().map(GuestList.Guest::id).toList(), "mode", "household"));
            return;
        }
        for (GuestList.Guest guest : group) {
            double mode = random.nextDouble();
            if (mode < 0.7) {
                checkIn(kiosk, at, Map.of("pass", passes.get(guest.id()), "mode", "qr"));
            } else if (mode < 0.8) {
                checkIn(kiosk, at, Map.of("pass", passes.get(guest.id()), "mode", "code"));
            } else if (!offline(kiosk, at)) {
                String found = search(kiosk, guest);
                checkIn(kiosk, at, Map.of("guest_id", found == null ? guest.id() : found, "mode", "name"));
            } else {
                checkIn(kiosk, at, Map.of("guest_id", guest.id(), "mode", "name"));
            }
        }
    }

    private void checkIn(int kiosk, long at, Map<String, Object> identity) {
        Map<String, Object> body = new HashMap<>(identity);
        long scannedAt = System.currentTimeMillis();
        // the camera started this long before the code was read: the kiosk's scan start, as its telemetry reports it
        long scanStart = scannedAt - ThreadLocalRandom.current().nextLong(80, 400);
        String session = "sim-" + UUID.randomUUID();
        body.put("checkin_id", UUID.randomUUID().toString());
        body.put("scanned_at", scannedAt);
        body.put("session_id", session);
        String mode = (String) identity.get("mode");
        ObjectNode start = envelope("checkin.qr_scan_start", UUID.randomUUID().toString(), session, scanStart, Map.of("event", eventId, "mode", mode));
        if (offline(kiosk, at)) {
            Map<String, Object> payload = new HashMap<>(body);
            payload.remove("session_id");
            payload.put("event", eventId);
            ObjectNode success = envelope("checkin.success", (String) body.get("checkin_id"), session, scannedAt, payload);
            ObjectNode shown = envelope("checkin.ui_render_done", UUID.randomUUID().toString(), session, scannedAt + 30,
                    Map.of("event", eventId, "mode", mode));
            offlineQueues.computeIfAbsent(kiosk, k -> java.util.Collections.synchronizedList(new ArrayList<>())).addAll(List.of(start, success, shown));
            count("queued offline", 0);
            return;
        }
        record("POST checkins", client.signed(kiosks.get(kiosk), "POST", "/v1/events/" + eventId + "/checkins", null,
                Json.write(body)));
        telemetry(kiosk, start, envelope("checkin.ui_render_done", UUID.randomUUID().toString(), session, System.currentTimeMillis(),
                Map.of("event", eventId, "mode", mode)));
    }

    /** A guest leaving through a door: a check-out online, or a {@code checkin.checkout} queued while offline. */
    private void stepOut(int kiosk, GuestList.Guest guest, long at) {
        String checkoutId = UUID.randomUUID().toString();
        long scannedAt = System.currentTimeMillis();
        if (offline(kiosk, at)) {
            offlineQueues.computeIfAbsent(kiosk, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(envelope("checkin.checkout", checkoutId, "sim-" + checkoutId, scannedAt,
                            Map.of("event", eventId, "guest_id", guest.id(), "scanned_at", scannedAt)));
            count("queued offline", 0);
            return;
        }
        record("POST checkouts", client.signed(kiosks.get(kiosk), "POST", "/v1/events/" + eventId + "/checkouts", null,
                Json.write(Map.of("checkout_id", checkoutId, "guest_id", guest.id(), "scanned_at", scannedAt))));
    }

    /**
     * A kiosk's scan-flow telemetry (scan start, screen shown), which the KPI rollup pairs with the check-in into
     * UX and TX latency. Kiosks batch it: one signed upload per {@link #TELEMETRY_BATCH} envelopes, and the rest
     * when the door closes.
     */
    private void telemetry(int kiosk, ObjectNode... envelopes) {
        List<ObjectNode> buffer = telemetryBuffers.computeIfAbsent(kiosk, k -> new ArrayList<>());
        List<ObjectNode> full = null;
        synchronized (buffer) {
            buffer.addAll(List.of(envelopes));
            if (buffer.size() >= TELEMETRY_BATCH) {
                full = new ArrayList<>(buffer);
                buffer.clear();
            }
        }
        if (full != null) {
            send(kiosk, full, "POST events (telemetry)");
        }
    }

    private void flushTelemetry() {
        telemetryBuffers.forEach((kiosk, buffer) -> {
            List<ObjectNode> rest;
            synchronized (buffer) {
                rest = new ArrayList<>(buffer);
                buffer.clear();
            }
            if (!rest.isEmpty()) {
                send(kiosk, rest, "POST events (telemetry)");
            }
        });
    }

    private String search(int kiosk, GuestList.Guest guest) {
        String q = guest.firstName() + " " + guest.lastName().substring(0, Math.min(2, guest.lastName().length()));
        var answer = client.signed(kiosks.get(kiosk), "GET", "/v1/events/" + eventId + "/guests/search",
                "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), "");
        record("GET search", answer);
        if (answer.status() != 200) {
            return null;
        }
        for (JsonNode hit : answer.json().get("guests")) {
            if (hit.get("guest_id").asText().equals(guest.id())) {
                return guest.id();
            }
        }
        return null;
    }

    /** A walk-in at the door (SPEC §17): the kiosk creates, seats and checks them in with one call. */
    private void walkIn(int kiosk, int n, int companions) {
        Map<String, Object> body = new HashMap<>(Map.of("walkin_id", UUID.randomUUID().toString(), "first_name", "Walk",
                "last_name", "In " + n));
        if (companions > 0) {
            List<Map<String, Object>> with = new ArrayList<>();
            for (int c = 0; c < companions; c++) {
                with.add(Map.of("first_name", "Companion " + c, "last_name", "In " + n));
            }
            body.put("companions", with);
        }
        record("POST walkins", client.signed(kiosks.get(kiosk), "POST", "/v1/events/" + eventId + "/walkins", null,
                Json.write(body)));
    }

    /** Ops move a guest seated alone to another table (the first that takes them), as a late change of mind. */
    private void reseat(GuestList.Guest guest) {
        List<Map<String, Object>> tables = new ArrayList<>(list.tables());
        java.util.Collections.shuffle(tables, new Random(settings.seed() + guest.id().hashCode()));
        for (Map<String, Object> table : tables.subList(0, Math.min(5, tables.size()))) {
            String to = (String) table.get("id");
            if (to.equals(planned.get(guest.id()))) {
                continue;
            }
            var answer = client.withToken(opsToken, "POST", "/v1/events/" + eventId + "/reseats", "application/json",
                    Json.write(Map.of("guest_id", guest.id(), "to_table_id", to, "reason_code", "staff_override")));
            record("POST reseats", answer);
            if (answer.status() == 200) {
                planned.put(guest.id(), to);
                return;
            }
        }
    }

    private void arrive(GuestList.Guest guest) {
        Map<String, Object> body = Map.of("guest_id", guest.id(), "table_id", planned.getOrDefault(guest.id(), guest.tableId()),
                "confirm_mode", random.nextBoolean() ? "qr" : "tap", "arrived_at", System.currentTimeMillis());
        record("POST arrivals", client.signed(tableDevice, "POST", "/v1/events/" + eventId + "/arrivals", null, Json.write(body)));
    }

    /** Back online: the kiosk uploads its queue as telemetry batches of at most 100 envelopes. */
    private void upload(int kiosk) {
        send(kiosk, offlineQueues.getOrDefault(kiosk, List.of()), "POST events (upload)");
    }

    private void send(int kiosk, List<ObjectNode> envelopes, String route) {
        for (int start = 0; start < envelopes.size(); start += 100) {
            var root = Json.MAPPER.createObjectNode();
            root.putArray("events").addAll(envelopes.subList(start, Math.min(envelopes.size(), start + 100)));
            record(route, client.signed(kiosks.get(kiosk), "POST", "/v1/events", null, root.toString()));
        }
    }

    private ObjectNode envelope(String name, String id, String session, long ts, Map<String, Object> payload) {
        ObjectNode envelope = Json.MAPPER.createObjectNode()
                .put("schema_version", "1.1.0").put("event_id", id)
                .put("tenant_id", settings.tenant()).put("event_name", name).put("session_id", session)
                .put("ts_ms", ts);
        envelope.set("event_meta", Json.tree(Map.of("app_channel", "kiosk", "platform", "kiosk", "app_version", "3.4.1",
                "sdk_version", "1.1.0", "source", "cache")));
        envelope.set("payload", Json.tree(payload));
        return envelope;
    }

    private void record(String route, SeatPilotClient.Answer answer) {
        latency.computeIfAbsent(route, r -> new ConcurrentHistogram(60_000_000L, 3)).recordValue(Math.max(1, answer.micros()));
        count(route, answer.status());
    }

    private void count(String route, int status) {
        outcomes.computeIfAbsent(status == 0 ? route : route + " " + status, k -> new LongAdder()).increment();
    }

    private void safely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            count("client error " + e.getClass().getSimpleName(), 0);
        }
    }
}
