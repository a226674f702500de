package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.checkin.CheckinStore;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.telemetry.ClientTimes;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A wedding with two stops (SPEC §16) through the local stack: a ceremony without seating, then a reception seated
 * by the plan. Tia is invited to the ceremony only, Leo to both. A kiosk is set to a stop when it is registered and
 * moved by an admin; the door checks guests in at the kiosk's stop online, and applies its offline uploads at the
 * stop it was set to when it scanned them.
 */
class StopCheckinTest {

    static final String EVENT = "boda-2026";
    private static final String RECEPTION = EVENT + "#STOP#reception";
    /** The door keeps a kiosk's key record this long (CachedDeviceKeys.DOOR_LIFETIME), so a move shows within it. */
    private static final Duration MOVE = Duration.ofSeconds(15);
    private static final Duration WORKER = Duration.ofSeconds(20);

    @Test
    void aKioskMovedFromTheCeremonyToTheReceptionChecksGuestsInAtItsStop() {
        Wedding wedding = Wedding.setUp("stops-online");
        Tenant.Key kiosk = wedding.kiosk("door-1", "ceremony");

        var tia = wedding.checkIn(kiosk, "g-tia");
        assertEquals(201, tia.status(), tia.body());
        assertFalse(tia.json().hasNonNull("table_label"), tia.body());
        assertEquals("Welcome! Please sit where you like", tia.json().get("direction").asText());
        var leoAtCeremony = wedding.checkIn(kiosk, "g-leo");
        assertEquals(201, leoAtCeremony.status(), leoAtCeremony.body());
        assertFalse(leoAtCeremony.json().hasNonNull("table_label"), "the ceremony has no seating: " + leoAtCeremony.body());

        var moved = wedding.tenant.api().withToken(wedding.tenant.adminToken(), "PATCH", "/v1/devices/door-1",
                Map.of("stop_id", "reception"));
        assertEquals(200, moved.status(), moved.body());
        assertEquals("reception", moved.json().get("stop_id").asText());

        // a few attempts at most within the door's key cache (each spends from the kiosk's check-in budget)
        var refused = Eventually.await(MOVE, () -> {
            pause(1_000);
            return wedding.checkIn(kiosk, "g-tia");
        }, answer -> answer.status() == 403);
        assertEquals("not_invited", refused.json().get("reason").asText(), refused.body());
        assertTrue(refused.json().get("detail").asText().contains("reception"), refused.body());
        var leoAtReception = wedding.checkIn(kiosk, "g-leo");
        assertEquals(201, leoAtReception.status(), leoAtReception.body());
        assertEquals("B-12", leoAtReception.json().get("table_label").asText());
        var again = wedding.checkIn(kiosk, "g-leo");
        assertEquals(409, again.status(), "one check-in per guest per stop: " + again.body());

        assertEquals(2, wedding.store().counters(wedding.tenant.id(), EVENT).checkedIn(), "the ceremony counts Tia and Leo");
        var reception = wedding.store().counters(wedding.tenant.id(), RECEPTION);
        assertEquals(1, reception.checkedIn());
        assertEquals(Map.of("zb", 1L), reception.zones());

        // the KPIs' state: the first stop's figures, and each stop's own headcount
        var kpis = wedding.tenant.api().withToken(wedding.tenant.token("ops"), "GET", "/v1/events/" + EVENT + "/kpis", null);
        assertEquals(200, kpis.status(), kpis.body());
        JsonNode now = kpis.json().get("now");
        assertEquals(2, now.get("checked_in").asLong(), now.toString());
        assertEquals("reception", now.get("stops").get(1).get("stop_id").asText(), now.toString());
        assertEquals(1, now.get("stops").get(1).get("checked_in").asLong(), now.toString());
        assertEquals(1, now.get("stops").get(1).get("invited").asLong(), "Tia is not invited to the reception: " + now);
        assertEquals(2, now.get("stops").get(0).get("checked_in").asLong(), now.toString());

        // the door list: every stop, each guest's stops, and the check-ins of the stop asked for (the first by default)
        JsonNode first = wedding.doorList("");
        List<String> stops = new java.util.ArrayList<>();
        first.get("stops").forEach(stop -> stops.add(stop.get("id").asText()));
        assertEquals(List.of("ceremony", "reception"), stops);
        assertEquals(List.of("g-leo", "g-tia"), Api.texts(first.get("checked_in")));
        assertEquals("ceremony", first.get("stop_id").asText());
        assertEquals(List.of("g-leo"), Api.texts(wedding.doorList("?stop=reception").get("checked_in")));
        // a kiosk's list is its stop's, so it validates offline where it stands
        var kioskList = wedding.tenant.api().signed(kiosk.signer(), "GET", "/v1/events/" + EVENT + "/doorlist", "");
        assertEquals(200, kioskList.status(), kioskList.body());
        assertEquals("reception", kioskList.json().get("stop_id").asText());
        assertEquals(List.of("g-leo"), Api.texts(kioskList.json().get("checked_in")));
        for (JsonNode guest : first.get("guests")) {
            assertEquals(guest.get("guest_id").asText().equals("g-tia") ? List.of("ceremony") : List.of("ceremony", "reception"),
                    Api.texts(guest.get("stops")));
        }
        var unknownStop = wedding.tenant.api().withToken(wedding.tenant.token("ops"), "GET",
                "/v1/events/" + EVENT + "/doorlist?stop=dinner", null);
        assertEquals(422, unknownStop.status(), unknownStop.body());

        // staff name their stop in the body; a kiosk cannot name another than its own
        Map<String, Object> staffAtReception = scan(wedding.passes.get("g-tia"));
        staffAtReception.put("stop_id", "reception");
        var staff = wedding.tenant.api().withToken(wedding.tenant.token("staff"), "POST", "/v1/events/" + EVENT + "/checkins",
                staffAtReception);
        assertEquals(403, staff.status(), staff.body());
        assertEquals("not_invited", staff.json().get("reason").asText());
        Map<String, Object> kioskElsewhere = scan(wedding.passes.get("g-tia"));
        kioskElsewhere.put("stop_id", "ceremony");
        var elsewhere = wedding.tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + EVENT + "/checkins",
                Json.write(kioskElsewhere));
        assertEquals(403, elsewhere.status(), elsewhere.body());
        assertEquals("forbidden", elsewhere.json().get("reason").asText());

        // everything held about Leo (SPEC §16 export) holds his check-in at each stop, the first one also as "checkin"
        var export = wedding.tenant.api().withToken(wedding.tenant.adminToken(), "GET",
                "/v1/events/" + EVENT + "/guests/g-leo/export", null);
        assertEquals(200, export.status(), export.body());
        assertEquals(List.of("ceremony", "reception"), export.json().get("checkins").findValuesAsText("stop_id"));
        String tenantId = wedding.tenant.id();
        assertEquals(wedding.store().state(tenantId, EVENT, "g-leo").orElseThrow().checkinId(),
                export.json().get("checkin").get("checkin_id").asText());
        assertEquals(wedding.store().state(tenantId, RECEPTION, "g-leo").orElseThrow().checkinId(),
                export.json().get("checkins").get(1).get("checkin_id").asText());
    }

    @Test
    void aGuestWhoAnsweredNoForTheCeremony_isRefusedThere_andHisDoorListEntryLeavesItOut() {
        Wedding wedding = Wedding.setUp("stops-rsvp");
        // the guest's own page: his pass token is the capability
        var answered = wedding.tenant.api().send("POST", "/v1/rsvp/" + wedding.passes.get("g-leo"),
                Json.write(Map.of("responses", List.of(
                        Map.of("guest_id", "g-leo", "stop_id", "ceremony", "status", "no"),
                        Map.of("guest_id", "g-leo", "stop_id", "reception", "status", "yes"))))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of("content-type", "application/json"));
        assertEquals(200, answered.status(), answered.body());

        var atCeremony = wedding.checkIn(wedding.kiosk("door-4", "ceremony"), "g-leo");
        assertEquals(403, atCeremony.status(), atCeremony.body());
        assertEquals("not_invited", atCeremony.json().get("reason").asText(), atCeremony.body());
        assertTrue(atCeremony.json().get("detail").asText().contains("ceremony"), atCeremony.body());
        var atReception = wedding.checkIn(wedding.kiosk("door-5", "reception"), "g-leo");
        assertEquals(201, atReception.status(), "his no to the ceremony changes nothing at the reception: " + atReception.body());
        // offline, a kiosk validates against the list: the same answer
        for (JsonNode guest : wedding.doorList("").get("guests")) {
            if (guest.get("guest_id").asText().equals("g-leo")) {
                assertEquals(List.of("reception"), Api.texts(guest.get("stops")));
            }
        }
    }

    @Test
    void offlineScansApplyAtTheStopTheKioskWasSetToWhenItScanned_notWhereItStandsWhenItUploads() {
        Wedding wedding = Wedding.setUp("stops-offline");
        Tenant.Key kiosk = wedding.kiosk("door-2", "ceremony");
        // offline at the ceremony: two scans wait in the kiosk's outbox (their envelopes carry the scan times)
        long now = System.currentTimeMillis();
        ObjectNode tiaAtCeremony = success(wedding, "g-tia", now - 120_000);
        ObjectNode leoAtCeremony = success(wedding, "g-leo", now - 110_000);

        // still offline, the kiosk is carried to the reception and an admin moves it there
        var moved = wedding.tenant.api().withToken(wedding.tenant.adminToken(), "PATCH", "/v1/devices/door-2",
                Map.of("stop_id", "reception"));
        assertEquals(200, moved.status(), moved.body());
        long atReception = System.currentTimeMillis() + 1;
        ObjectNode leoAtReception = success(wedding, "g-leo", atReception);
        ObjectNode tiaAtReception = success(wedding, "g-tia", atReception + 1);

        // back online, it uploads its whole outbox in one batch
        var answer = wedding.tenant.api().signed(kiosk.signer(), "POST", "/v1/events",
                Envelopes.batch(List.of(tiaAtCeremony, leoAtCeremony, leoAtReception, tiaAtReception)));
        assertEquals(202, answer.status(), answer.body());

        Eventually.until(WORKER, "both checked in at the ceremony",
                () -> wedding.store().counters(wedding.tenant.id(), EVENT).checkedIn() == 2);
        assertEquals(tiaAtCeremony.get("event_id").asText(),
                wedding.store().state(wedding.tenant.id(), EVENT, "g-tia").orElseThrow().checkinId());
        assertEquals(leoAtCeremony.get("event_id").asText(),
                wedding.store().state(wedding.tenant.id(), EVENT, "g-leo").orElseThrow().checkinId());
        var leo = Eventually.await(WORKER, () -> wedding.store().state(wedding.tenant.id(), RECEPTION, "g-leo"),
                Optional::isPresent).orElseThrow();
        assertEquals(leoAtReception.get("event_id").asText(), leo.checkinId());
        // Tia is invited to the ceremony only: her scan after the move is refused at the reception, and kept with its stop
        var notInvited = Eventually.await(WORKER, () -> quarantined(wedding, "not_invited"), items -> !items.isEmpty());
        assertEquals(tiaAtReception.get("event_id").asText(), notInvited.getFirst().get("event_id").asText());
        assertEquals("reception", notInvited.getFirst().get("stop_id").asText(), notInvited.getFirst().toString());
        assertEquals(Optional.empty(), wedding.store().state(wedding.tenant.id(), RECEPTION, "g-tia"));
        assertEquals(1, wedding.store().counters(wedding.tenant.id(), RECEPTION).checkedIn());
        assertEquals(List.of(), wedding.store().conflicts(wedding.tenant.id(), EVENT));
        assertEquals(List.of(), wedding.store().conflicts(wedding.tenant.id(), RECEPTION));

        // the kiosk learns both outcomes by its scans' ids: Leo counts at the reception, Tia's scan was refused there
        String tiaId = tiaAtReception.get("event_id").asText();
        String asked = "/v1/events/" + EVENT + "/checkins?guest_ids=g-tia,g-leo&checkin_ids=" + tiaId + ","
                + leoAtReception.get("event_id").asText();
        var outcomes = wedding.tenant.api().signed(kiosk.signer(), "GET", asked, "");
        assertEquals(200, outcomes.status(), outcomes.body());
        assertEquals(leoAtReception.get("event_id").asText(), outcomes.json().at("/checkins/0/checkin_id").asText(), outcomes.body());
        assertEquals(1, outcomes.json().get("refused").size(), outcomes.body());
        assertEquals(tiaId, outcomes.json().at("/refused/0/checkin_id").asText());
        assertEquals("not_invited", outcomes.json().at("/refused/0/reason").asText());
        assertEquals("reception", outcomes.json().at("/refused/0/stop_id").asText());
        // another kiosk learns nothing of this one's uploads; a person at the door sees the party's
        Tenant.Key other = wedding.kiosk("door-2b", "reception");
        var othersView = wedding.tenant.api().signed(other.signer(), "GET", asked, "");
        assertEquals(200, othersView.status(), othersView.body());
        assertEquals(0, othersView.json().get("refused").size(), othersView.body());
        var staffView = wedding.tenant.api().withToken(wedding.tenant.token("staff"), "GET", asked + "&stop=reception", null);
        assertEquals(tiaId, staffView.json().at("/refused/0/checkin_id").asText(), staffView.body());
        var malformed = wedding.tenant.api().signed(kiosk.signer(), "GET", asked + ",not-an-id", "");
        assertEquals(422, malformed.status(), malformed.body());
        assertEquals("checkin_ids", malformed.json().get("field").asText());

        // the planner invites Tia to the reception after all; the admin replays her scan, stored but not applied then:
        // it is applied now, at the reception, with its own id (not passed over as a duplicate of the stored fact)
        wedding.inviteTiaToTheReception();
        var replayed = wedding.tenant.api().withToken(wedding.tenant.adminToken(), "POST",
                "/v1/ingest/quarantine/" + notInvited.getFirst().get("id").asText() + "/replay", null);
        assertEquals(202, replayed.status(), replayed.body());
        var tia = Eventually.await(WORKER, () -> wedding.store().state(wedding.tenant.id(), RECEPTION, "g-tia"),
                Optional::isPresent).orElseThrow();
        assertEquals(tiaAtReception.get("event_id").asText(), tia.checkinId());
        assertEquals(2, wedding.store().counters(wedding.tenant.id(), RECEPTION).checkedIn());
        // what counts now answers first: the door takes its own check-in over the refusal still kept
        var afterReplay = wedding.tenant.api().signed(kiosk.signer(), "GET", asked, "");
        assertTrue(afterReplay.body().contains("\"checkin_id\":\"" + tiaId + "\",\"checked_in_at\""), afterReplay.body());
    }

    @Test
    void twoRefusedEnvelopesWithOneIdInOneBatch_areBothKept_andTheKioskLearnsOfTheIdOnce() {
        Wedding wedding = Wedding.setUp("stops-twice");
        Tenant.Key kiosk = wedding.kiosk("door-4", "ceremony");
        // a clock past the 5 minutes ahead ingest allows, and the same envelope id sent twice with different scans
        long ahead = System.currentTimeMillis() + ClientTimes.MAX_AHEAD.toMillis() + 60_000;
        ObjectNode tia = success(wedding, "g-tia", ahead);
        ObjectNode leo = success(wedding, "g-leo", ahead + 1);
        leo.put("event_id", tia.get("event_id").asText());
        var refused = wedding.tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(List.of(tia, leo)));
        assertEquals(207, refused.status(), refused.body());
        var kept = Eventually.await(WORKER, () -> quarantined(wedding, "validation_failed"), items -> items.size() == 2);
        assertEquals(2, kept.size());
        var outcomes = wedding.tenant.api().signed(kiosk.signer(), "GET", "/v1/events/" + EVENT
                + "/checkins?guest_ids=g-tia,g-leo&checkin_ids=" + tia.get("event_id").asText(), "");
        assertEquals(200, outcomes.status(), outcomes.body());
        assertEquals(1, outcomes.json().get("refused").size(), outcomes.body());
        assertEquals("validation_failed", outcomes.json().at("/refused/0/reason").asText());
    }

    @Test
    void aQuarantinedCheckInReplayedByAnAdmin_appliesAtTheStopItWasScannedAt() {
        Wedding wedding = Wedding.setUp("stops-replay");
        Tenant.Key kiosk = wedding.kiosk("door-3", "ceremony");
        var moved = wedding.tenant.api().withToken(wedding.tenant.adminToken(), "PATCH", "/v1/devices/door-3",
                Map.of("stop_id", "reception"));
        assertEquals(200, moved.status(), moved.body());
        // at the reception, a kiosk whose clock runs a few seconds past the 5 minutes ahead ingest allows: refused
        long ahead = System.currentTimeMillis() + ClientTimes.MAX_AHEAD.toMillis() + 4_000;
        ObjectNode leo = success(wedding, "g-leo", ahead);
        var refused = wedding.tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(List.of(leo)));
        assertEquals(207, refused.status(), refused.body());
        JsonNode item = Eventually.await(WORKER, () -> quarantined(wedding, "validation_failed"), items -> !items.isEmpty())
                .getFirst();
        assertEquals(leo.get("event_id").asText(), item.get("event_id").asText());
        assertEquals("reception", item.get("stop_id").asText(), "resolved when received: " + item);

        // the kiosk goes back to the ceremony; once the server's clock has caught up, an admin replays the scan
        var back = wedding.tenant.api().withToken(wedding.tenant.adminToken(), "PATCH", "/v1/devices/door-3",
                Map.of("stop_id", "ceremony"));
        assertEquals(200, back.status(), back.body());
        var replayed = Eventually.await(Duration.ofSeconds(30), () -> {
            pause(1_000);
            return wedding.tenant.api().withToken(wedding.tenant.adminToken(), "POST",
                    "/v1/ingest/quarantine/" + item.get("id").asText() + "/replay", null);
        }, answer -> answer.status() != 422);
        assertEquals(202, replayed.status(), replayed.body());

        var atReception = Eventually.await(WORKER, () -> wedding.store().state(wedding.tenant.id(), RECEPTION, "g-leo"),
                Optional::isPresent).orElseThrow();
        assertEquals(leo.get("event_id").asText(), atReception.checkinId());
        assertEquals(Optional.empty(), wedding.store().state(wedding.tenant.id(), EVENT, "g-leo"),
                "neither where the kiosk stands now nor the first stop");
    }

    private static Map<String, Object> scan(String pass) {
        return new HashMap<>(Map.of("checkin_id", UUID.randomUUID().toString(), "pass", pass, "mode", "qr",
                "scanned_at", System.currentTimeMillis()));
    }

    private static ObjectNode success(Wedding wedding, String guestId, long scannedAt) {
        ObjectNode envelope = Envelopes.envelope(wedding.tenant.id(), "checkin.success",
                Map.of("event", EVENT, "pass", wedding.passes.get(guestId), "mode", "qr", "scanned_at", scannedAt));
        envelope.put("ts_ms", scannedAt);
        return envelope;
    }

    private static List<JsonNode> quarantined(Wedding wedding, String reason) {
        var answer = wedding.tenant.api().withToken(wedding.tenant.adminToken(), "GET",
                "/v1/ingest/quarantine?reason=" + reason + "&limit=10", null);
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> items = new java.util.ArrayList<>();
        answer.json().get("items").forEach(items::add);
        return items;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The wedding set up through the API as a planner would, with its guests' passes (the dashboard's test uses it too). */
    record Wedding(Tenant tenant, Map<String, String> passes) {

        static Wedding setUp(String prefix) {
            Tenant tenant = Tenant.create(prefix);
            Api api = tenant.api();
            String admin = tenant.adminToken();
            expect(201, api.withToken(admin, "PUT", "/v1/events/" + EVENT, Map.of("name", "Boda", "kind", "wedding",
                    "timezone", "Europe/Madrid",
                    "zones", List.of(Map.of("id", "zb", "name", "Hall", "letter", "B", "color", "blue")),
                    "stops", List.of(Map.of("id", "ceremony", "name", "Ceremonia", "seated", false),
                            Map.of("id", "reception", "name", "Banquete")))));
            expect(200, api.withToken(admin, "PUT", "/v1/events/" + EVENT + "/tables", Map.of("tables", List.of(
                    Map.of("id", "t12", "label", "B-12", "zone", "zb", "capacity", 10, "shape", "round")))));
            importGuests(tenant, List.of("ceremony"));
            var issued = expect(201, api.withToken(admin, "POST", "/v1/events/" + EVENT + "/passes", Map.of()));
            Map<String, String> passes = new HashMap<>();
            issued.json().get("passes").forEach(p -> passes.put(p.get("guest_id").asText(), p.get("token").asText()));
            return new Wedding(tenant, passes);
        }

        /** The guest list: Tia invited to {@code tiasStops}, Leo to every stop and seated at B-12. */
        private static void importGuests(Tenant tenant, List<String> tiasStops) {
            var imported = expect(200, tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + EVENT + "/guests",
                    Map.of("guests", List.of(
                            Map.of("id", "g-tia", "first_name", "Tia", "last_name", "Roy", "rsvp", "confirmed", "stops", tiasStops),
                            Map.of("id", "g-leo", "first_name", "Leo", "last_name", "Paz", "rsvp", "confirmed", "table_id", "t12")))));
            assertEquals(0, imported.json().path("errors").size(), imported.body());
        }

        /** The planner changes their mind: Tia is invited to the reception too. */
        void inviteTiaToTheReception() {
            importGuests(tenant, List.of("ceremony", "reception"));
        }

        /** A kiosk of this event, set to {@code stop} at its registration. */
        Tenant.Key kiosk(String deviceId, String stop) {
            var answer = expect(201, tenant.api().withToken(tenant.adminToken(), "POST", "/v1/devices", Map.of(
                    "device_id", deviceId, "role", "kiosk", "events", List.of(EVENT), "stop_id", stop)));
            assertEquals(stop, answer.json().get("stop_id").asText());
            return new Tenant.Key(answer.json().get("key_id").asText(), answer.json().get("secret").asText());
        }

        Api.Answer checkIn(Tenant.Key kiosk, String guestId) {
            return tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + EVENT + "/checkins",
                    Json.write(scan(passes.get(guestId))));
        }

        JsonNode doorList(String query) {
            return expect(200, tenant.api().withToken(tenant.token("ops"), "GET", "/v1/events/" + EVENT + "/doorlist" + query,
                    null)).json();
        }

        CheckinStore store() {
            return new CheckinStore(tenant.stack().awsClients().dynamoDb(), tenant.stack().tableName("DataTable"));
        }

        private static Api.Answer expect(int status, Api.Answer answer) {
            assertEquals(status, answer.status(), answer.body());
            return answer;
        }
    }
}
