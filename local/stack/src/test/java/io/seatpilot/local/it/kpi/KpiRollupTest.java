package io.seatpilot.local.it.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.kpi.KpiStore;
import io.seatpilot.core.kpi.LatencySketch;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.SocketClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KPI pipeline of SPEC §10 over the real template on the local stack: signed telemetry through ingest and the
 * worker, DataTable's stream into the facts function, the scheduled rollup, {@code GET …/kpis} and the {@code kpi}
 * message on Ops Live. The pairs are known, so the percentiles are checked against the exact values within the
 * sketch's stated 1 % error.
 */
class KpiRollupTest {

    private static final int SESSIONS = 40;
    private static final long MINUTE = 60_000;
    private static final int SCANNER_ERRORS = 10;

    private static LocalStack stack;
    private static Tenant tenant;
    private static String event;
    private static long base;
    private static final long[] ux = IntStream.range(0, SESSIONS).mapToLong(i -> 120 + 9L * i).toArray();
    private static final long[] tx = IntStream.range(0, SESSIONS).mapToLong(i -> 250 + 13L * i).toArray();
    private static final long[] doorToSeat = IntStream.range(0, SESSIONS).mapToLong(i -> 20_000 + 1_500L * i).toArray();

    @BeforeAll
    static void telemetry() {
        stack = SharedStack.get();
        tenant = Tenant.create("kpi");
        event = "conf-" + UUID.randomUUID().toString().substring(0, 8);
        put("/v1/events/" + event, Map.of("name", "Dev Summit", "kind", "conference", "timezone", "UTC"));
        put("/v1/events/" + event + "/tables", Map.of("tables", List.of(Map.of("id", "t1", "label", "A-1", "capacity", 60, "shape", "round"))));
        put("/v1/events/" + event + "/guests", Map.of("guests", IntStream.range(0, SESSIONS)
                .mapToObj(i -> Map.of("id", "g" + i, "first_name", "Guest", "last_name", "N" + i, "rsvp", "confirmed")).toList()));
        // a few minutes ago, so every pair is complete and every minute closed when the rollup runs
        base = (System.currentTimeMillis() / MINUTE - 6) * MINUTE;
        List<ObjectNode> envelopes = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            String session = "s-" + UUID.randomUUID();
            long scan = base + i * 3_000L;
            // scan starts and render marks name no event (their payload may be empty): the session ties them in
            envelopes.add(fact("checkin.qr_scan_start", session, scan, Map.of()));
            envelopes.add(fact("checkin.ui_render_done", session, scan + ux[i], Map.of()));
            envelopes.add(fact("checkin.success", session, scan + tx[i], Map.of("event", event, "guest_id", "g" + i, "mode", "qr")));
            envelopes.add(fact("wayfinding.arrive_table", "t-" + UUID.randomUUID(), scan + tx[i] + doorToSeat[i],
                    Map.of("event", event, "table_id", "t1", "confirm_mode", "tap", "guest_id", "g" + i)));
        }
        // the planner's seat assignments: three by the engine, one by hand
        for (String mode : List.of("auto", "auto", "auto", "manual")) {
            envelopes.add(fact("seating.seat_assigned", "plan-" + UUID.randomUUID(), base + 30_000, Map.of("event", event, "mode", mode)));
        }
        // the scanner's failures (a tenth of the scans would be 40 / 50 = 80 % success) and guest searches, 1 of 4 empty
        for (int i = 0; i < SCANNER_ERRORS; i++) {
            envelopes.add(fact("checkin.error_scan_invalid_qr", "k-" + UUID.randomUUID(), base + 1_000L * i,
                    Map.of("event", event, "kiosk_id", "k1", "code", "bad_format")));
        }
        for (int results : new int[] {2, 1, 5}) {
            envelopes.add(fact("wayfinding.search_made", "w-" + UUID.randomUUID(), base + 20_000,
                    Map.of("event", event, "results_count", results, "query_length", 4)));
        }
        envelopes.add(fact("wayfinding.search_not_found", "w-" + UUID.randomUUID(), base + 21_000, Map.of("event", event, "query_length", 3)));
        Tenant.Key kiosk = tenant.kioskKey();
        for (int start = 0; start < envelopes.size(); start += 100) {
            Api.Answer answer = tenant.api().signed(kiosk.signer(), "POST", "/v1/events",
                    Envelopes.batch(envelopes.subList(start, Math.min(envelopes.size(), start + 100))));
            assertEquals(202, answer.status(), answer.body());
        }
    }

    @Test
    void percentilesOfKnownPairsAreExactWithinTheSketchError() {
        JsonNode total = rolledUp().get("total");
        assertWithinSketchError(ux, total.get("checkin_ux_ms"));
        assertWithinSketchError(tx, total.get("checkin_tx_ms"));
        assertWithinSketchError(doorToSeat, total.get("door_to_seat_ms"));
        assertEquals(SESSIONS, total.get("checkins").asLong());
        assertEquals(SESSIONS, total.get("table_arrivals").asLong());
        assertTrue(total.get("staleness_s").asLong() >= 0, total::toString);
        assertEquals(75.0, total.get("auto_assign_pct").asDouble(), 1e-9);
        assertEquals(100.0 * SESSIONS / (SESSIONS + SCANNER_ERRORS), total.get("scanner_success_pct").asDouble(), 1e-9, total::toString);
        assertEquals(25.0, total.get("search_not_found_pct").asDouble(), 1e-9, total::toString);
    }

    @Test
    void theEventsStateIsReadWithItsKpis() {
        JsonNode now = rolledUp().get("now");
        assertEquals(SESSIONS, now.get("checked_in").asLong(), "the uploaded check-ins were applied by the worker");
        assertEquals(SESSIONS, now.get("confirmed").asLong());
        assertTrue(now.get("ingest_5m").get("accepted").asLong() >= 4L * SESSIONS, now::toString);
        assertEquals(0.0, now.get("ingest_5m").get("reject_ratio").asDouble());
    }

    @Test
    void minutesAddUpToTheTotalAndHoursGiveTheSamePercentiles() {
        rolledUp();
        JsonNode minutes = kpis("?from=" + (base - MINUTE) + "&to=" + (base + 10 * MINUTE) + "&step=" + MINUTE, tenant.token("viewer")).json();
        assertEquals(11, minutes.get("windows").size());
        long checkins = 0;
        for (JsonNode window : minutes.get("windows")) {
            checkins += window.get("checkins").asLong();
        }
        assertEquals(SESSIONS, checkins);
        long hour = base / 3_600_000 * 3_600_000;
        JsonNode hourly = kpis("?from=" + hour + "&to=" + (hour + 2 * 3_600_000) + "&step=3600000", tenant.token("viewer")).json();
        long hourCheckins = 0;
        for (JsonNode window : hourly.get("windows")) {
            hourCheckins += window.get("checkins").asLong();
        }
        assertEquals(SESSIONS, hourCheckins);
        assertWithinSketchError(tx, hourly.get("total").get("checkin_tx_ms"));
    }

    @Test
    void theRollupPushesAKpiMessageToSubscribers() {
        try (SocketClient ops = SocketClient.connect(URI.create(stack.wsEndpoint() + "/?token="
                + URLEncoder.encode(tenant.token("ops"), StandardCharsets.UTF_8)))) {
            JsonNode subscribed = Json.read(ops.ask("{\"action\":\"subscribe\",\"event\":\"" + event + "\"}"));
            assertEquals("subscribed", subscribed.get("type").asText(), subscribed::toString);
            // new facts of this event make it due again, so this rollup run pushes
            Api.Answer more = tenant.api().signed(tenant.kioskKey().signer(), "POST", "/v1/events", Envelopes.batch(List.of(
                    fact("checkin.qr_scan_start", "s-extra", base + MINUTE, Map.of("event", event)))));
            assertEquals(202, more.status(), more.body());
            JsonNode kpi = Eventually.await(Duration.ofSeconds(60), () -> {
                stack.triggerSchedule("KpiRollupFunction");
                try {
                    return Json.read(ops.next());
                } catch (AssertionError nothingYet) {
                    return null;
                }
            }, message -> message != null && "kpi".equals(message.get("type").asText())
                    && message.get("data").path("event_total").path("checkin_tx_ms").path("count").asLong() == SESSIONS);
            assertEquals(event, kpi.get("event").asText());
            assertTrue(kpi.get("seq").asLong() > 0);
            assertEquals(15, kpi.get("data").get("window_minutes").asLong());
        }
    }

    @Test
    void readsAreTheTenantsOwnAndChecked() {
        Tenant other = Tenant.create("kpi-other");
        assertEquals(404, kpis("", other.token("ops")).status());
        Api.Answer badStep = kpis("?from=0&to=600000&step=1000", tenant.token("ops"));
        assertEquals(422, badStep.status(), badStep.body());
        assertEquals("validation_failed", badStep.reason());
    }

    @Test
    void aMinuteMarkedOutsideAnyPlausibleTimeNeitherStallsTheRollupNorStays() {
        // sorts before the event, so the rollup meets it first; marked as a fact of 1970 (or 2255) once marked it
        String stale = "aaa-" + UUID.randomUUID().toString().substring(0, 8);
        put("/v1/events/" + stale, Map.of("name", "Stale", "kind", "gala", "timezone", "UTC"));
        KpiStore kpis = new KpiStore(stack.awsClients().dynamoDb(), stack.tableName("DataTable"));
        kpis.markDirty(tenant.id(), stale, Set.of(0L, 9_007_199_254_700_000L), System.currentTimeMillis());
        long earlier = base - 30 * MINUTE;
        Api.Answer more = tenant.api().signed(tenant.kioskKey().signer(), "POST", "/v1/events", Envelopes.batch(List.of(
                fact("checkin.qr_scan_start", "s-earlier", earlier, Map.of("event", event)))));
        assertEquals(202, more.status(), more.body());
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> Eventually.await(Duration.ofSeconds(60), () -> {
            stack.triggerSchedule("KpiRollupFunction");
            return kpis("?from=" + (earlier - MINUTE) + "&to=" + (earlier + MINUTE), tenant.token("ops")).json();
        }, answer -> answer.path("total").path("staleness_s").isNumber()));
        assertTrue(kpis.dirtyEvents().stream().noneMatch(d -> d.event().equals(stale)), "the implausible minutes are dropped");
    }

    @Test
    void rangesAreValidatedBeforeAnyWork() {
        String viewer = tenant.token("viewer");
        // each of these once looped over an overflowing span (or one past the stores' 13-digit keys)
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertRefused("from", kpis("?from=-9223372036854775807", viewer));
            assertRefused("from", kpis("?from=-60000&to=60000", viewer));
            assertRefused("to", kpis("?from=0&to=9223372036854775807", viewer));
            assertRefused("from", kpis("?from=" + (base + MINUTE) + "&to=" + base, viewer));
            assertRefused("from", kpis("?from=0&to=" + base, viewer));
            assertRefused("step", kpis("?from=" + base + "&to=" + (base + MINUTE) + "&step=9223372036854720000", viewer));
            assertRefused("step", kpis("?from=" + base + "&to=" + (base + MINUTE) + "&step=-60000", viewer));
            assertRefused("step", kpis("?from=" + base + "&to=" + (base + 2 * 1440 * MINUTE) + "&step=" + MINUTE, viewer));
        });
        assertEquals(200, kpis("?from=" + base + "&to=" + base, viewer).status(), "an empty range is a range");
    }

    private static void assertRefused(String field, Api.Answer answer) {
        assertEquals(422, answer.status(), answer.body());
        assertEquals("validation_failed", answer.reason());
        assertEquals(field, answer.json().path("field").asText(), answer.body());
    }

    /** Rolls up until the facts of every session are in (the stream and the facts function run on their own). */
    private static JsonNode rolledUp() {
        return Eventually.await(Duration.ofSeconds(60), () -> {
            stack.triggerSchedule("KpiRollupFunction");
            return kpis("?from=" + (base - MINUTE) + "&to=" + (base + 10 * MINUTE), tenant.token("ops")).json();
        }, answer -> answer.path("total").path("door_to_seat_ms").path("count").asLong() == SESSIONS
                && answer.path("total").path("checkin_ux_ms").path("count").asLong() == SESSIONS
                && answer.path("total").has("auto_assign_pct") && answer.path("now").path("checked_in").asLong() == SESSIONS
                && answer.path("total").path("scanner_success_pct").asDouble() == 100.0 * SESSIONS / (SESSIONS + SCANNER_ERRORS)
                && answer.path("total").path("search_not_found_pct").asDouble() == 25.0);
    }

    private static Api.Answer kpis(String query, String token) {
        return tenant.api().withToken(token, "GET", "/v1/events/" + event + "/kpis" + query, null);
    }

    /** DDSketch's quantile is the sample of rank floor(q · (n − 1)); its answer is within 1 % of it (then rounded). */
    private static void assertWithinSketchError(long[] samples, JsonNode percentiles) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        assertEquals(sorted.length, percentiles.get("count").asLong(), percentiles::toString);
        for (var q : Map.of("p50", 0.5, "p95", 0.95).entrySet()) {
            long exact = sorted[(int) Math.floor(q.getValue() * (sorted.length - 1))];
            long reported = percentiles.get(q.getKey()).asLong();
            assertTrue(Math.abs(reported - exact) <= exact * LatencySketch.RELATIVE_ACCURACY + 0.5,
                    q.getKey() + ": exact " + exact + ", reported " + reported);
        }
    }

    private static ObjectNode fact(String name, String session, long ts, Map<String, Object> payload) {
        ObjectNode envelope = Envelopes.envelope(tenant.id(), name, payload);
        envelope.put("session_id", session);
        envelope.put("ts_ms", ts);
        return envelope;
    }

    private static void put(String path, Object body) {
        Api.Answer answer = tenant.api().withToken(tenant.adminToken(), "PUT", path, body);
        assertTrue(answer.status() == 200 || answer.status() == 201, answer::toString);
    }
}
