package io.seatpilot.local.it.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One event's day through the HTTP API, as its clients make it: every route of the template at least once, with
 * the answers a client must be ready for (refusals included). Each call asserts its status, so the flow itself
 * cannot drift into answering something else than what the replay is meant to cover; the bodies are the
 * contract test's to judge.
 */
final class Day {

    static final String EVENT = "replay-gala";

    private final Tenant tenant;
    private final Api api;
    private final String admin;

    Day(Tenant tenant) {
        this.tenant = tenant;
        this.api = tenant.api();
        this.admin = tenant.adminToken();
    }

    /** Plays the day; {@code watch} runs once the event exists, before anything happens at it. */
    void play(Runnable watch) {
        Map<String, String> passes = setUp();
        watch.run();
        Tenant.Key kiosk = devices();
        ingest(kiosk);
        door(kiosk, passes);
        pages(passes);
        seating();
        dayOf();
        safety();
        reads();
    }

    private Map<String, String> setUp() {
        Map<String, Object> event = Map.of("name", "Replay Gala", "kind", "gala", "timezone", "Europe/Madrid",
                "starts_at", 1_796_419_908_186L, "venue", "Casa Replay",
                "zones", List.of(Map.of("id", "za", "name", "Garden", "letter", "A", "color", "#2E8B57", "capacity", 100),
                        Map.of("id", "zb", "name", "Hall", "letter", "B", "color", "blue")),
                "exits", List.of(Map.of("id", "x1", "name", "North", "status", "OPEN"), Map.of("id", "x2", "name", "South", "status", "OPEN")),
                "muster_points", List.of(Map.of("id", "m1", "name", "Car park")));
        expect(201, admin, "PUT", "", event);
        expect(200, admin, "PUT", "", event);
        expect(403, tenant.token("planner"), "PUT", "", event);
        expect(400, admin, "PUT", "", "{not json");
        expect(200, admin, "PUT", "/tables", Map.of("tables", List.of(
                Map.of("id", "t1", "label", "A-1", "zone", "za", "capacity", 8, "shape", "round", "tags", List.of("accessible", "head")),
                Map.of("id", "t2", "label", "B-2", "zone", "zb", "capacity", 10, "shape", "rect"),
                Map.of("id", "t3", "label", "B-3", "zone", "zb", "capacity", 0, "shape", "round"))));
        expect(200, tenant.token("planner"), "PUT", "/guests", Map.of(
                "guests", List.of(
                        guest("g1", "José", "Núñez", null, "confirmed", "t2", List.of("vip")),
                        guest("g2", "Ana", "Ortiz", null, "confirmed", "t1", List.of("pmr")),
                        guest("g3", "Declan", "Byrne", null, "declined", "t1", List.of()),
                        guest("h1a", "Marta", "Ruiz", "h1", "confirmed", "t2", List.of()),
                        guest("h1b", "Luis", "Ruiz", "h1", "confirmed", "t2", List.of("child")),
                        Map.of("id", "bad id!", "first_name", "X")),
                "households", List.of(Map.of("id", "h1", "name", "Ruiz family"))));
        var csv = api.send("PUT", path("/guests"), "id,first_name,last_name,rsvp,email\ng4,Mia,Ng,confirmed,mia@example.org\ng5,Leo,Ng,pending,\n".getBytes(),
                Map.of("authorization", "Bearer " + admin, "content-type", "text/csv"));
        assertEquals(200, csv.status(), csv.body());
        var xml = api.send("PUT", path("/guests"), "<guests/>".getBytes(), Map.of("authorization", "Bearer " + admin,
                "content-type", "application/xml"));
        assertEquals(415, xml.status(), xml.body());
        expect(200, tenant.token("planner"), "GET", "/guests/g4", null);
        expect(404, admin, "GET", "/guests/nobody", null);
        expect(200, admin, "GET", "/guests/g4/export", null);
        expect(403, tenant.token("planner"), "GET", "/guests/g4/export", null);
        expect(200, admin, "DELETE", "/guests/g5", null);
        expect(404, admin, "DELETE", "/guests/nobody", null);
        Api.Answer issued = expect(201, admin, "POST", "/passes", Map.of("households", true));
        Map<String, String> passes = new HashMap<>();
        for (JsonNode pass : issued.json().get("passes")) {
            passes.put(pass.has("guest_id") ? pass.get("guest_id").asText() : "household:" + pass.get("household_id").asText(),
                    pass.get("token").asText());
            if (pass.has("code") && pass.has("guest_id")) {
                passes.put("code:" + pass.get("guest_id").asText(), pass.get("code").asText());
            }
        }
        // invitations (SPEC §16): g4 has an e-mail; the others have no contact on that channel
        expect(202, tenant.token("planner"), "POST", "/invitations", Map.of("guest_ids", List.of("g4", "g1", "nobody"),
                "channel", "email", "template", "invitation"));
        expect(422, admin, "POST", "/invitations", Map.of("all", true, "channel", "fax", "template", "invitation"));
        expect(403, tenant.token("ops"), "POST", "/invitations", Map.of("all", true, "channel", "email", "template", "pass"));
        expect(200, admin, "GET", "/invitations", null);
        return passes;
    }

    private Tenant.Key devices() {
        Tenant.Key kiosk = tenant.issueKey("door-1", "kiosk", List.of(EVENT));
        Tenant.Key spare = tenant.issueKey("door-2", "kiosk");
        call(204, admin, "DELETE", "/v1/devices/door-2/keys/" + spare.keyId(), null);
        call(204, admin, "DELETE", "/v1/devices/door-2/keys/" + spare.keyId(), null);
        call(404, admin, "DELETE", "/v1/devices/door-9/keys/" + spare.keyId(), null);
        call(422, admin, "POST", "/v1/devices", Map.of("device_id", "door-3", "role", "bouncer"));
        call(403, tenant.token("ops"), "POST", "/v1/devices", Map.of("device_id", "door-3", "role", "kiosk"));
        call(401, "not.a.token", "POST", "/v1/devices", Map.of("device_id", "door-3", "role", "kiosk"));
        // a kiosk is set to a stop of its events (SPEC §16); this event names none, so its one stop is "main"
        call(200, admin, "PATCH", "/v1/devices/door-1", Map.of("stop_id", "main"));
        call(422, admin, "PATCH", "/v1/devices/door-1", Map.of("stop_id", "dinner"));
        call(422, admin, "POST", "/v1/devices", Map.of("device_id", "door-3", "role", "kiosk", "events", List.of(EVENT),
                "stop_id", "dinner"));
        call(404, admin, "PATCH", "/v1/devices/door-9", Map.of("stop_id", "main"));
        call(403, tenant.token("ops"), "PATCH", "/v1/devices/door-1", Map.of("stop_id", "main"));
        call(200, admin, "PATCH", "/v1/devices/door-1", "{\"stop_id\":null}");
        return kiosk;
    }

    private void ingest(Tenant.Key kiosk) {
        var one = Envelopes.envelope(tenant.id(), "checkin.qr_scan_start", Map.of("event", EVENT));
        status(202, api.signed(kiosk.signer(), "POST", "/v1/events", one.toString()));
        var bad = Envelopes.schemaMismatch(tenant.id(), EVENT);
        var batch = api.signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(List.of(
                Envelopes.envelope(tenant.id(), "wayfinding.map_pin_shown", Map.of("event", EVENT)), bad)));
        assertEquals(207, batch.status(), batch.body());
        status(422, api.signed(kiosk.signer(), "POST", "/v1/events", bad.toString()));
        status(422, api.signed(kiosk.signer(), "POST", "/v1/events",
                Envelopes.envelope(tenant.id(), "checkin.no_such_thing", Map.of()).toString()));
        status(400, api.signed(kiosk.signer(), "POST", "/v1/events", "{\"events\":["));
        status(401, api.send("POST", "/v1/events", one.toString().getBytes(), Map.of("content-type", "application/json")));
        var forged = api.signed(new Tenant.Key(kiosk.keyId(), "not-the-secret").signer(), "POST", "/v1/events", one.toString());
        assertEquals(401, forged.status());

        call(200, admin, "GET", "/v1/ingest/stats", null);
        call(422, admin, "GET", "/v1/ingest/stats?from=2000&to=1000", null);
        JsonNode items = Eventually.await(Duration.ofSeconds(20),
                () -> call(200, admin, "GET", "/v1/ingest/quarantine?limit=10", null).json().path("items"),
                page -> page.size() >= 3);
        call(200, admin, "GET", "/v1/ingest/quarantine?reason=schema_mismatch&limit=1", null);
        call(422, admin, "GET", "/v1/ingest/quarantine?limit=0", null);
        String id = java.util.stream.StreamSupport.stream(items.spliterator(), false)
                .filter(item -> item.path("reason").asText().equals("schema_mismatch")).findFirst().orElseThrow().get("id").asText();
        // still the same mismatch: a replay re-validates and refuses what was not fixed
        call(422, admin, "POST", "/v1/ingest/quarantine/" + id + "/replay", null);
        call(404, admin, "POST", "/v1/ingest/quarantine/q-unknown/replay", null);
    }

    private void door(Tenant.Key kiosk, Map<String, String> passes) {
        long now = System.currentTimeMillis();
        String checkins = path("/checkins");
        Map<String, Object> first = byPass(passes.get("g1"), now);
        var created = api.signed(kiosk.signer(), "POST", checkins, Json.write(first));
        assertEquals(201, created.status(), created.body());
        status(200, api.signed(kiosk.signer(), "POST", checkins, Json.write(first)));
        status(409, api.signed(kiosk.signer(), "POST", checkins, Json.write(byPass(passes.get("g1"), now))));
        status(404, api.signed(kiosk.signer(), "POST", checkins, Json.write(byPass("p" + "x".repeat(40), now))));
        status(403, api.signed(kiosk.signer(), "POST", checkins, Json.write(byPass(passes.get("g3"), now))));
        status(422, api.signed(kiosk.signer(), "POST", checkins, Json.write(Map.of("checkin_id", "nope"))));
        status(422, api.signed(kiosk.signer(), "POST", checkins,
                Json.write(byPass(passes.get("g2"), now + Duration.ofHours(1).toMillis()))));
        String staff = tenant.volunteer(0, "staff");
        call(201, staff, "POST", checkins, Map.of("checkin_id", UUID.randomUUID().toString(), "guest_id", "g2",
                "mode", "name", "scanned_at", now));
        call(201, staff, "POST", checkins, Map.of("checkin_id", UUID.randomUUID().toString(),
                "household_pass", passes.get("household:h1"), "guest_ids", List.of("h1a"), "mode", "household", "scanned_at", now));
        if (passes.containsKey("code:h1b")) {
            call(201, staff, "POST", checkins, Map.of("checkin_id", UUID.randomUUID().toString(), "code", passes.get("code:h1b"),
                    "mode", "code", "scanned_at", now));
        }
        call(403, tenant.token("viewer"), "POST", checkins, byPass(passes.get("g4"), now));
        call(401, "not.a.token", "POST", checkins, byPass(passes.get("g4"), now));

        call(200, staff, "GET", path("/guests/search?q=jos"), null);
        status(422, api.signed(kiosk.signer(), "GET", path("/guests/search"), ""));

        Map<String, Object> arrival = Map.of("guest_id", "g1", "table_id", "t2", "confirm_mode", "tap", "arrived_at", now + 1);
        status(201, api.signed(kiosk.signer(), "POST", path("/arrivals"), Json.write(arrival)));
        status(200, api.signed(kiosk.signer(), "POST", path("/arrivals"), Json.write(arrival)));
        status(422, api.signed(kiosk.signer(), "POST", path("/arrivals"), Json.write(Map.of("table_id", "t2"))));

        String undo = checkins + "/" + first.get("checkin_id") + "/undo";
        status(201, api.signed(kiosk.signer(), "POST", undo, ""));
        status(200, api.signed(kiosk.signer(), "POST", undo, ""));
        status(404, api.signed(kiosk.signer(), "POST", checkins + "/" + UUID.randomUUID() + "/undo", ""));

        call(200, staff, "GET", checkins + "?guest_ids=g1,g2,h1a", null);
        // a kiosk asks what became of an envelope it uploaded that was refused (kept in the quarantine)
        var refusedUpload = Envelopes.schemaMismatch(tenant.id(), EVENT);
        status(422, api.signed(kiosk.signer(), "POST", "/v1/events", refusedUpload.toString()));
        var refused = api.signed(kiosk.signer(), "GET", checkins + "?guest_ids=g1&checkin_ids=" + refusedUpload.get("event_id").asText(), "");
        assertEquals(refusedUpload.get("event_id").asText(), refused.json().at("/refused/0/checkin_id").asText(), refused.body());
        call(422, staff, "GET", checkins, null);
        var doorList = api.signed(kiosk.signer(), "GET", path("/doorlist"), "");
        assertEquals(200, doorList.status(), doorList.body());
        var unchanged = api.send("GET", path("/doorlist"), null, Map.of("authorization", "Bearer " + staff,
                "if-none-match", doorList.header("etag").orElseThrow()));
        assertEquals(304, unchanged.status(), unchanged.body());
        call(403, tenant.token("viewer"), "GET", path("/doorlist"), null);
        String porter = tenant.volunteer(20, "staff");
        Map<String, Object> checkout = Map.of("checkout_id", UUID.randomUUID().toString(), "guest_id", "h1a", "scanned_at", now + 2);
        call(201, porter, "POST", path("/checkouts"), checkout);
        call(200, porter, "POST", path("/checkouts"), checkout);
        call(409, porter, "POST", path("/checkouts"), Map.of("checkout_id", UUID.randomUUID().toString(), "guest_id", "h1a",
                "scanned_at", now + 3));
        // g1's check-in was undone above
        call(409, porter, "POST", path("/checkouts"), Map.of("checkout_id", UUID.randomUUID().toString(), "guest_id", "g1",
                "scanned_at", now + 3));
        call(422, porter, "POST", path("/checkouts"), Map.of("guest_id", "g2", "scanned_at", now));
        // nothing published yet
        expect(409, tenant.token("ops"), "POST", "/reseats", Map.of("guest_id", "g1", "to_table_id", "t1", "reason_code", "vip"));

        call(200, null, "GET", "/v1/passes/" + passes.get("g2"), null);
        call(200, null, "GET", "/v1/passes/" + passes.get("household:h1"), null);
        call(404, null, "GET", "/v1/passes/" + "p" + "x".repeat(40), null);
    }

    /** The guest's own pages: the pass (and its calendar entry) and the RSVP, whose token is the only credential. */
    private void pages(Map<String, String> passes) {
        Map<String, String> browser = Map.of("accept", "text/html");
        String unknown = "p" + "x".repeat(40);
        page(200, "GET", "/p/" + passes.get("g2"), browser);
        page(404, "GET", "/p/" + unknown, browser);
        page(404, "GET", "/p/" + unknown, Map.of());
        page(200, "GET", "/p/" + passes.get("g2") + "/event.ics", Map.of());
        page(404, "GET", "/p/" + unknown + "/event.ics", Map.of());
        String rsvp = passes.get("g4");
        page(200, "GET", "/r/" + rsvp, browser);
        page(404, "GET", "/r/" + unknown, browser);
        page(404, "GET", "/r/" + unknown, Map.of());
        Map<String, Object> answer = Map.of("responses", List.of(Map.of("guest_id", "g4", "stop_id", "main", "status", "yes")),
                "dietary", Map.of("g4", "vegan"));
        call(200, null, "POST", "/v1/rsvp/" + rsvp, answer);
        call(403, null, "POST", "/v1/rsvp/" + rsvp, Map.of("responses", List.of(Map.of("guest_id", "g1", "stop_id", "main", "status", "yes"))));
        call(422, null, "POST", "/v1/rsvp/" + rsvp, Map.of("responses", List.of()));
        call(422, null, "POST", "/v1/rsvp/" + rsvp, Map.of("responses", List.of(Map.of("guest_id", "g4", "stop_id", "main", "status", "maybe"))));
        call(404, null, "POST", "/v1/rsvp/" + unknown, answer);
        var form = api.send("POST", "/v1/rsvp/" + rsvp + "?lang=es", "r%7Cg4%7Cmain=yes&d%7Cg4=none".getBytes(),
                Map.of("content-type", "application/x-www-form-urlencoded"));
        assertEquals(303, form.status(), form.body());
    }

    /** SPEC §17 on the published plan: walk-ins at the door, re-seats by ops. */
    private void dayOf() {
        // a second door: the first one's check-ins of this window are spent (SPEC §14)
        Tenant.Key kiosk = tenant.issueKey("door-3", "kiosk", List.of(EVENT));
        Map<String, Object> walkIn = Map.of("walkin_id", UUID.randomUUID().toString(), "first_name", "Iris", "last_name", "Vega",
                "companions", List.of(Map.of("first_name", "Teo", "tags", List.of("child"))));
        status(201, api.signed(kiosk.signer(), "POST", path("/walkins"), Json.write(walkIn)));
        status(200, api.signed(kiosk.signer(), "POST", path("/walkins"), Json.write(walkIn)));
        status(422, api.signed(kiosk.signer(), "POST", path("/walkins"), Json.write(Map.of("walkin_id", UUID.randomUUID().toString(),
                "first_name", "Iris", "tags", List.of("royal")))));
        call(404, tenant.volunteer(10, "staff"), "POST", path("/walkins"), Map.of("walkin_id", UUID.randomUUID().toString(),
                "first_name", "Iris", "table_id", "t9"));
        List<Map<String, Object>> party = java.util.stream.IntStream.range(0, 11).mapToObj(i -> Map.<String, Object>of("first_name", "Guest " + i)).toList();
        // twelve together fit no table
        call(409, tenant.volunteer(10, "staff"), "POST", path("/walkins"), Map.of("walkin_id", UUID.randomUUID().toString(),
                "first_name", "Iris", "companions", party));
        call(409, tenant.volunteer(10, "staff"), "POST", path("/walkins"), Map.of("walkin_id", UUID.randomUUID().toString(),
                "first_name", "Iris", "companions", party.subList(0, 8), "table_id", "t1"));
        String ops = tenant.token("ops");
        expect(200, ops, "POST", "/reseats", Map.of("guest_id", "g1", "to_table_id", "t2", "reason_code", "vip"));
        // g2 and g4 must sit apart, and g2 is at t1
        expect(422, ops, "POST", "/reseats", Map.of("guest_id", "g4", "to_table_id", "t1", "reason_code", "group_cohesion"));
        expect(404, ops, "POST", "/reseats", Map.of("guest_id", "g1", "to_table_id", "t3", "reason_code", "capacity_balance"));
        expect(422, ops, "POST", "/reseats", Map.of("guest_id", "g1", "to_table_id", "t2", "reason_code", "bored"));
        expect(404, ops, "POST", "/reseats", Map.of("guest_id", "nobody", "to_table_id", "t2", "reason_code", "vip"));
        expect(403, tenant.token("staff"), "POST", "/reseats", Map.of("guest_id", "g1", "to_table_id", "t2", "reason_code", "vip"));
    }

    private void seating() {
        String planner = tenant.token("planner");
        expect(200, planner, "PUT", "/seating/relations", Map.of("relations", List.of(Map.of("a", "g1", "b", "h1a", "weight", 5)),
                "must_apart", List.of(List.of("g2", "g4"))));
        expect(422, planner, "PUT", "/seating/relations", Map.of("relations", List.of(Map.of("a", "g1"))));
        JsonNode plan = expect(200, planner, "POST", "/seating/solve", Map.of("time_limit_ms", 300)).json();
        expect(200, planner, "GET", "/seating", null);
        long version = plan.get("version").asLong();
        JsonNode moved = expect(200, planner, "POST", "/seating/moves", Map.of("version", version,
                "moves", List.of(Map.of("guest", "g4", "table", "t2")))).json();
        expect(409, planner, "POST", "/seating/moves", Map.of("version", version, "moves", List.of(Map.of("guest", "g4", "table", "t1"))));
        expect(200, planner, "PUT", "/seating/locks", Map.of("locks", List.of(Map.of("guest", "g2", "table", "t1"))));
        expect(200, planner, "POST", "/seating/publish", Map.of("version", moved.get("version").asLong()));
        call(404, planner, "POST", "/v1/events/no-such-party/seating/solve", Map.of());
        expect(200, planner, "GET", "/doorlist.pdf?lang=es", null);
        expect(200, tenant.token("ops"), "GET", "/doorlist.csv", null);
        expect(403, tenant.token("staff"), "GET", "/doorlist.csv", null);
        call(404, planner, "GET", "/v1/events/no-such-party/doorlist.pdf", null);
        call(403, tenant.token("staff"), "GET", path("/seating"), null);
    }

    private void safety() {
        String ops = tenant.token("ops");
        JsonNode alert = expect(201, ops, "POST", "/alerts", Map.of("level", "ALERT", "zone", "za", "message", "Spill near the bar")).json();
        expect(422, ops, "POST", "/alerts", Map.of("level", "ALERT", "message", "one two three four five six seven eight"));
        expect(422, ops, "POST", "/alerts", Map.of("level", "PANIC", "message", "Hello"));
        expect(200, tenant.token("viewer"), "GET", "/alerts", null);
        expect(200, ops, "POST", "/alerts/" + alert.get("alert_id").asText() + "/ack", null);
        expect(200, ops, "POST", "/alerts/" + alert.get("alert_id").asText() + "/ack", null);
        expect(404, ops, "POST", "/alerts/a-unknown/ack", null);
        expect(403, tenant.token("staff"), "POST", "/alerts/" + alert.get("alert_id").asText() + "/ack", null);
        expect(200, ops, "PUT", "/exits/x2", Map.of("status", "CLOSED"));
        expect(422, ops, "PUT", "/exits/x2", Map.of("status", "AJAR"));
        expect(200, ops, "GET", "/exits", null);
        expect(201, ops, "POST", "/alerts", Map.of("level", "EVAC", "message", "Leave by the north doors"));
        expect(200, ops, "PUT", "/exits/x1", Map.of("status", "BLOCKED"));
        expect(201, ops, "POST", "/muster/m1/checkins", Map.of("guest_id", "g2"));
        expect(200, ops, "POST", "/muster/m1/checkins", Map.of("guest_id", "g2"));
        expect(200, ops, "GET", "/muster", null);
        expect(201, ops, "POST", "/alerts", Map.of("level", "CLEAR", "message", "All clear"));
        Map<String, Object> incident = Map.of("incident_id", "inc-1", "category", "medical", "priority", "high", "zone", "za",
                "alert_id", alert.get("alert_id").asText());
        expect(201, ops, "POST", "/incidents", incident);
        expect(200, ops, "POST", "/incidents", incident);
        expect(422, ops, "POST", "/incidents", Map.of("priority", "high"));
        expect(403, tenant.token("viewer"), "POST", "/incidents", Map.of("category", "medical"));
        expect(200, ops, "POST", "/incidents/inc-1/ack", null);
        expect(404, ops, "POST", "/incidents/inc-9/ack", null);
        expect(422, ops, "POST", "/incidents/inc-1/resolve", Map.of("resolution_code", "  "));
        expect(200, ops, "POST", "/incidents/inc-1/resolve", Map.of("resolution_code", "treated_on_site"));
        expect(404, ops, "POST", "/incidents/inc-9/resolve", Map.of("resolution_code", "treated_on_site"));
        expect(200, tenant.token("viewer"), "GET", "/incidents", null);
        expect(200, ops, "GET", "/audit?limit=5", null);
        expect(422, ops, "GET", "/audit?from=5&to=1", null);
    }

    private void reads() {
        String viewer = tenant.token("viewer");
        expect(200, viewer, "GET", "/live/snapshot", null);
        call(404, viewer, "GET", "/v1/events/no-such-party/live/snapshot", null);
        tenant.stack().triggerSchedule("KpiRollupFunction");
        expect(200, viewer, "GET", "/kpis", null);
        long now = System.currentTimeMillis();
        expect(200, viewer, "GET", "/kpis?from=" + (now - 600_000) + "&to=" + now + "&step=60000", null);
        expect(422, viewer, "GET", "/kpis?from=0&to=600000&step=1000", null);
        call(401, null, "GET", path("/kpis"), null);
    }

    private void page(int status, String method, String path, Map<String, String> headers) {
        var answer = api.send(method, path, null, headers);
        assertEquals(status, answer.status(), () -> method + " " + path + ": " + answer.body());
    }

    private static void status(int expected, Api.Answer answer) {
        assertEquals(expected, answer.status(), answer::body);
    }

    private static Map<String, Object> guest(String id, String first, String last, String household, String rsvp, String table,
                                             List<String> tags) {
        Map<String, Object> guest = new HashMap<>(Map.of("id", id, "first_name", first, "last_name", last, "rsvp", rsvp,
                "table_id", table, "tags", tags));
        if (household != null) {
            guest.put("household_id", household);
        }
        return guest;
    }

    private static Map<String, Object> byPass(String token, long scannedAt) {
        return Map.of("checkin_id", UUID.randomUUID().toString(), "pass", token, "mode", "qr", "scanned_at", scannedAt);
    }

    private static String path(String suffix) {
        return "/v1/events/" + EVENT + suffix;
    }

    private Api.Answer expect(int status, String token, String method, String suffix, Object body) {
        return call(status, token, method, path(suffix), body);
    }

    private Api.Answer call(int status, String token, String method, String path, Object body) {
        Api.Answer answer = token == null ? api.send(method, path, body == null ? null : Json.write(body).getBytes(StandardCharsets.UTF_8),
                body == null ? Map.of() : Map.of("content-type", "application/json")) : api.withToken(token, method, path, body);
        assertEquals(status, answer.status(), () -> method + " " + path + ": " + answer.body());
        return answer;
    }
}
