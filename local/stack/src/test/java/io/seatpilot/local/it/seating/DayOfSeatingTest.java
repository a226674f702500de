package io.seatpilot.local.it.seating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.SocketClient;
import io.seatpilot.seating.Guest;
import io.seatpilot.seating.Lock;
import io.seatpilot.seating.SeatingProblem;
import io.seatpilot.seating.Table;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §17 on the day, through the local stack: walk-ins seated by the engine's incremental placement or at a
 * given table and checked in in one call; re-seats on the published plan that the door sees within a second,
 * that name the rule they would break, that the next publish keeps, that Ops Live hears of and that count as
 * placed by hand in % auto-assign.
 */
class DayOfSeatingTest {

    private static Tenant tenant;
    private static int volunteers;

    @BeforeAll
    static void setUp() {
        tenant = Tenant.create("dayof");
    }

    private static String staff() {
        return tenant.volunteer(volunteers++ * 10, "staff");
    }

    /**
     * A full-ish room with the plan pinned by locks: T1 (accessible) 2 of 4 seats free, T2 full, T3 2 free, T4 3
     * free — g13 and g14 must sit apart.
     */
    private static SeatingEvent fullish() {
        List<Table> tables = List.of(new Table("T1", 4, "A", Set.of("accessible")), new Table("T2", 4, "A", Set.of()),
                new Table("T3", 4, "A", Set.of()), new Table("T4", 4, "A", Set.of()));
        Map<String, String> pinned = new HashMap<>();
        List.of("g1", "g2").forEach(g -> pinned.put(g, "T1"));
        List.of("g3", "g4", "g5", "g6").forEach(g -> pinned.put(g, "T2"));
        List.of("g7", "g8").forEach(g -> pinned.put(g, "T3"));
        pinned.put("g9", "T4");
        List<Guest> guests = IntStream.rangeClosed(1, 9).mapToObj(i -> new Guest("g" + i, null, Set.of())).toList();
        SeatingEvent event = SeatingEvent.of(tenant, new SeatingProblem(tables, guests, List.of(), List.of(), List.of(), null, null));
        var locks = pinned.entrySet().stream().map(e -> new Lock(e.getKey(), e.getValue())).toList();
        assertEquals(200, event.call("PUT", "/locks", Map.of("locks", locks)).status());
        publish(event, event.solve(Map.of("time_limit_ms", 200)));
        return event;
    }

    private static Api.Answer publish(SeatingEvent event, Api.Answer plan) {
        Api.Answer published = event.call("POST", "/publish", Map.of("version", plan.json().get("version").asLong()));
        assertEquals(200, published.status(), published.body());
        return published;
    }

    private static Api.Answer walkIn(SeatingEvent event, String walkinId, Map<String, Object> body) {
        Map<String, Object> request = new HashMap<>(body);
        request.put("walkin_id", walkinId);
        return tenant.api().withToken(staff(), "POST", "/v1/events/" + event.id() + "/walkins", request);
    }

    private static Api.Answer reseat(SeatingEvent event, String guest, String table, String reason) {
        return tenant.api().withToken(tenant.token("ops"), "POST", "/v1/events/" + event.id() + "/reseats",
                Map.of("guest_id", guest, "to_table_id", table, "reason_code", reason));
    }

    private static Map<String, String> plan(SeatingEvent event) {
        return Json.MAPPER.convertValue(event.call("GET", "", null).json().get("assignments"), new TypeReference<>() { });
    }

    private static Map<String, Object> person(String first, String last, String... tags) {
        return Map.of("first_name", first, "last_name", last, "tags", List.of(tags));
    }

    @Test
    void aWalkInHouseholdOfThreeSitsTogetherAtTheOnlyTableWithThreeFreeSeatsAndIsCheckedIn() {
        SeatingEvent event = fullish();
        String walkinId = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("first_name", "Inés", "last_name", "Vidal",
                "companions", List.of(person("Tomás", "Vidal"), person("Lea", "Vidal")));

        Api.Answer first = walkIn(event, walkinId, body);

        assertEquals(201, first.status(), first.body());
        List<JsonNode> cards = new ArrayList<>();
        first.json().get("guests").forEach(cards::add);
        assertEquals(3, cards.size(), first.body());
        cards.forEach(card -> assertEquals("T4", card.get("table_label").asText(), first.body()));
        assertEquals("Inés", cards.getFirst().get("first_name").asText());
        assertEquals("V.", cards.getFirst().get("last_initial").asText());
        assertEquals(3, first.json().get("household").get("arrived").asInt(), first.body());
        Map<String, String> working = plan(event);
        IntStream.range(0, 3).forEach(i -> assertEquals("T4", working.get("walkin-" + walkinId + "-" + i)));
        assertEquals("T1", working.get("g1"), "nobody already seated moves");

        Api.Answer again = walkIn(event, walkinId, body);
        assertEquals(200, again.status(), again.body());
        assertEquals(first.json().get("guests"), again.json().get("guests"));

        // a pmr guest needs the accessible table, which has only two seats left: the event is full for them
        Api.Answer full = walkIn(event, UUID.randomUUID().toString(), Map.of("first_name", "Rosa", "tags", List.of("pmr"),
                "companions", List.of(person("Juan", "Gil"), person("Eva", "Gil"))));
        assertEquals(409, full.status(), full.body());
        assertEquals("event_full", full.reason());
        assertTrue(full.json().get("violations").toString().contains("accessible"), full.body());

        JsonNode audit = tenant.api().withToken(tenant.adminToken(), "GET", "/v1/events/" + event.id() + "/audit", null).json();
        assertTrue(audit.toString().contains("\"walkin\""), audit.toString());
    }

    @Test
    void aWalkInAtAGivenTableSitsThereAndAFullTableIsRefused() {
        SeatingEvent event = fullish();
        Api.Answer seated = walkIn(event, UUID.randomUUID().toString(), Map.of("first_name", "Noa", "table_id", "T3"));
        assertEquals(201, seated.status(), seated.body());
        assertEquals("T3", seated.json().get("table_label").asText(), seated.body());

        Api.Answer full = walkIn(event, UUID.randomUUID().toString(), Map.of("first_name", "Max", "table_id", "T2"));
        assertEquals(409, full.status(), full.body());
        assertEquals("table_full", full.reason());
        assertTrue(full.json().get("violations").get(0).asText().startsWith("capacity: table T2 seats 4"), full.body());

        Api.Answer unknown = walkIn(event, UUID.randomUUID().toString(), Map.of("first_name", "Max", "table_id", "T9"));
        assertEquals(404, unknown.status(), unknown.body());
    }

    @Test
    void aReseatReachesTheDoorAndThePassWithinASecondAndTheNextPublishKeepsIt() throws Exception {
        SeatingEvent event = fullish();
        var passes = tenant.api().withToken(tenant.adminToken(), "POST", "/v1/events/" + event.id() + "/passes", Map.of());
        assertEquals(201, passes.status(), passes.body());
        String pass = null;
        for (JsonNode p : passes.json().get("passes")) {
            if ("g9".equals(p.path("guest_id").asText())) {
                pass = p.get("token").asText();
            }
        }
        String token = pass;
        assertEquals("T4", tenant.api().send("GET", "/v1/passes/" + token, null, Map.of()).json().get("table_label").asText());
        // unlock g9 so that moving them breaks no planner's lock
        assertEquals(200, event.call("PUT", "/locks", Map.of("locks", List.of())).status());

        try (SocketClient live = SocketClient.connect(URI.create(SharedStack.get().wsEndpoint() + "/?token="
                + URLEncoder.encode(tenant.token("ops"), StandardCharsets.UTF_8)))) {
            live.ask("{\"action\":\"subscribe\",\"event\":\"" + event.id() + "\"}");
            long started = System.nanoTime();
            Api.Answer moved = reseat(event, "g9", "T3", "mobility");
            assertEquals(200, moved.status(), moved.body());
            assertEquals("T4", moved.json().get("from_table_id").asText());
            assertEquals("T3", moved.json().get("table_label").asText());
            Eventually.until(Duration.ofSeconds(10), "the pass view shows the new table", () ->
                    "T3".equals(tenant.api().send("GET", "/v1/passes/" + token, null, Map.of()).json().get("table_label").asText()));
            System.out.printf("re-seat -> pass view changed after %d ms%n", (System.nanoTime() - started) / 1_000_000);

            JsonNode message = Eventually.await(Duration.ofSeconds(10), () -> Json.read(live.next()),
                    m -> "reseat".equals(m.path("type").asText()));
            assertEquals("g9", message.get("data").get("guest_id").asText());
            assertEquals("T3", message.get("data").get("to_table_id").asText());
            assertEquals("mobility", message.get("data").get("reason_code").asText());
        }

        Api.Answer checkedIn = tenant.api().withToken(staff(), "POST", "/v1/events/" + event.id() + "/checkins",
                Map.of("checkin_id", UUID.randomUUID().toString(), "guest_id", "g9", "mode", "name",
                        "scanned_at", System.currentTimeMillis()));
        assertEquals(201, checkedIn.status(), checkedIn.body());
        assertEquals("T3", checkedIn.json().get("table_label").asText(), "the door answers with the new table");

        Api.Answer working = event.call("GET", "", null);
        assertEquals("T3", plan(event).get("g9"), "the working plan learnt the re-seat");
        publish(event, working);
        assertEquals("T3", tenant.api().send("GET", "/v1/passes/" + token, null, Map.of()).json().get("table_label").asText(),
                "publishing again keeps the re-seat");
    }

    @Test
    void aReseatBreakingAHardRuleNamesTheRule() {
        SeatingEvent event = fullish();
        Api.Answer locked = reseat(event, "g7", "T4", "vip");
        assertEquals(422, locked.status(), locked.body());
        assertEquals("seating_rule_broken", locked.reason());
        assertTrue(locked.json().get("detail").asText().contains("lock"), locked.body());
        assertTrue(locked.json().get("violations").get(0).asText().startsWith("lock: guest g7 is locked to T3"), locked.body());

        assertEquals(200, event.call("PUT", "/locks", Map.of("locks", List.of())).status());
        Api.Answer full = reseat(event, "g7", "T2", "vip");
        assertEquals(409, full.status(), full.body());
        assertEquals("table_full", full.reason());
        assertTrue(full.json().get("violations").get(0).asText().startsWith("capacity: table T2 seats 4 but has 5"), full.body());

        Api.Answer badReason = reseat(event, "g7", "T4", "because");
        assertEquals(422, badReason.status(), badReason.body());
        assertEquals("reason_code", badReason.json().get("field").asText());
        assertEquals(404, reseat(event, "nobody", "T4", "vip").status());
        Api.Answer staff = tenant.api().withToken(tenant.token("staff"), "POST", "/v1/events/" + event.id() + "/reseats",
                Map.of("guest_id", "g7", "to_table_id", "T4", "reason_code", "vip"));
        assertEquals(403, staff.status(), staff.body());
        assertEquals("T3", plan(event).get("g7"), "nothing refused changed the plan");
    }

    @Test
    void autoAssignCountsSeatsPlacedByHandFromThePlanItself() {
        SeatingProblem singles = SeatingEvent.singles(3, 4, 6);
        SeatingEvent event = SeatingEvent.of(tenant, singles);
        Api.Answer solved = event.solve(Map.of("time_limit_ms", 100));
        publish(event, solved);
        assertEquals(100.0, autoAssign(event).get("pct").asDouble(), 1e-9);

        Map<String, String> plan = plan(event);
        String guest = "g1";
        String other = List.of("T1", "T2", "T3").stream().filter(t -> !t.equals(plan.get(guest))).findFirst().orElseThrow();
        assertEquals(200, reseat(event, guest, other, "group_cohesion").status());
        Api.Answer walkIn = walkIn(event, UUID.randomUUID().toString(), Map.of("first_name", "Zoe", "table_id", other));
        assertEquals(201, walkIn.status(), walkIn.body());
        assertEquals(201, walkIn(event, UUID.randomUUID().toString(), Map.of("first_name", "Ada")).status());

        JsonNode auto = autoAssign(event);
        assertEquals(6, auto.get("auto").asLong(), auto.toString()); // five solved, one walk-in placed by the engine
        assertEquals(2, auto.get("manual").asLong(), auto.toString()); // the re-seat and the walk-in at a chosen table
        assertEquals(75.0, auto.get("pct").asDouble(), 1e-9);
    }

    private static JsonNode autoAssign(SeatingEvent event) {
        Api.Answer kpis = tenant.api().withToken(tenant.token("ops"), "GET", "/v1/events/" + event.id() + "/kpis", null);
        assertEquals(200, kpis.status(), kpis.body());
        return kpis.json().get("now").get("auto_assign");
    }
}
