package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.telemetry.EventStore;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Offline kiosks upload door facts through ingest; the worker applies the same rules, earliest scan first. */
class OfflineCheckinTest {

    private static final Duration WORKER = Duration.ofSeconds(20);

    @Test
    void anEarlierOfflineScanUploadedLaterBecomesTheCheckinAndTheOnlineOneAConflict() {
        Door door = Door.setUp("offline");
        Tenant.Key online = door.tenant.issueKey("door-a", "kiosk");
        Tenant.Key offline = door.tenant.issueKey("door-b", "kiosk");
        long now = System.currentTimeMillis();
        var answer = door.checkIn(online, Door.byPass(door.passes.get("g1"), now));
        assertEquals(201, answer.status(), answer.body());
        String onlineId = answer.json().get("checkin_id").asText();

        ObjectNode upload = success(door, door.passes.get("g1"), now - 90_000);
        upload(door, offline, upload);

        var state = Eventually.await(WORKER, () -> door.store().state(door.tenant.id(), Door.EVENT, "g1").orElseThrow(),
                s -> s.checkinId().equals(upload.get("event_id").asText()));
        assertEquals(now - 90_000, state.checkedInAt());
        assertEquals("door-b", state.deviceId());
        var conflicts = door.store().conflicts(door.tenant.id(), Door.EVENT);
        assertEquals(1, conflicts.size());
        assertEquals(onlineId, conflicts.getFirst().get("sk").s());
        assertEquals("superseded", conflicts.getFirst().get("kind").s());
        assertEquals(1, door.counters().checkedIn());
        assertEquals(Map.of("zb", 1L), door.counters().zones());
    }

    @Test
    void laterUploadsAreKeptAsDuplicatesWhateverTheirOrderAndCountOnce() {
        Door door = Door.setUp("offline-order");
        Tenant.Key kiosk = door.tenant.issueKey("door-c", "kiosk");
        long now = System.currentTimeMillis();
        ObjectNode late = success(door, door.passes.get("g2"), now - 10_000);
        ObjectNode early = success(door, door.passes.get("g2"), now - 50_000);
        ObjectNode middle = success(door, door.passes.get("g2"), now - 30_000);
        upload(door, kiosk, late);
        upload(door, kiosk, early);
        upload(door, kiosk, middle);
        upload(door, kiosk, early);

        Eventually.until(WORKER, "two conflicts recorded", () -> door.store().conflicts(door.tenant.id(), Door.EVENT).size() == 2);
        var state = door.store().state(door.tenant.id(), Door.EVENT, "g2").orElseThrow();
        assertEquals(early.get("event_id").asText(), state.checkinId());
        assertEquals(now - 50_000, state.checkedInAt());
        assertEquals(1, door.counters().checkedIn());
        var online = door.checkIn(kiosk, Door.byPass(door.passes.get("g2"), now));
        assertEquals(409, online.status());
        assertEquals(now - 50_000, online.json().get("first_checkin").get("checked_in_at").asLong());
    }

    @Test
    void uploadedUndoAndArrivalApplyTheSameRules() {
        Door door = Door.setUp("offline-undo");
        Tenant.Key kiosk = door.tenant.issueKey("door-d", "kiosk");
        long now = System.currentTimeMillis();
        ObjectNode checkin = success(door, door.passes.get("g1"), now - 120_000);
        upload(door, kiosk, checkin);
        Eventually.until(WORKER, "checked in", () -> door.counters().checkedIn() == 1);

        ObjectNode arrival = Envelopes.envelope(door.tenant.id(), "wayfinding.arrive_table", Map.of("event", Door.EVENT,
                "table_id", "t12", "confirm_mode", "tap", "guest_id", "g1", "arrived_at", now - 75_000));
        upload(door, kiosk, arrival);
        Eventually.until(WORKER, "arrived", () -> door.counters().arrived() == 1);

        ObjectNode undo = Envelopes.envelope(door.tenant.id(), "checkin.undo", Map.of("event", Door.EVENT,
                "checkin_id", checkin.get("event_id").asText(), "reason", "wrong_guest"));
        upload(door, kiosk, undo);
        Eventually.until(WORKER, "undone", () -> door.counters().checkedIn() == 0);
    }

    @Test
    void aResentOnlineAttemptIsTheSameCheckinAndAnUploadIsUndoneByItsEventId() {
        Door door = Door.setUp("offline-resend");
        Tenant.Key kiosk = door.tenant.issueKey("door-e", "kiosk");
        long now = System.currentTimeMillis();
        var online = door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), now));
        assertEquals(201, online.status(), online.body());
        ObjectNode resent = success(door, door.passes.get("g1"), now);
        resent.with("payload").put("checkin_id", online.json().get("checkin_id").asText());
        ObjectNode neverOnline = success(door, door.passes.get("g2"), now - 5_000);
        neverOnline.with("payload").put("checkin_id", java.util.UUID.randomUUID().toString());
        // one batch, in this order: the worker applies a message's envelopes in order, so once g2 counts the
        // re-sent attempt has been applied too
        var answer = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(List.of(resent, neverOnline)));
        assertEquals(202, answer.status(), answer.body());
        Eventually.until(WORKER, "g2 checked in", () -> door.counters().checkedIn() == 2);
        assertEquals(List.of(), door.store().conflicts(door.tenant.id(), Door.EVENT));

        var undo = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + Door.EVENT + "/checkins/"
                + neverOnline.get("event_id").asText() + "/undo", "");
        assertEquals(201, undo.status(), undo.body());
        assertEquals(1, door.counters().checkedIn());
    }

    @Test
    void aKeyLimitedToOtherEventsCannotCheckGuestsInOfflineEvenWhenItsUploadIsReplayed() {
        Door door = Door.setUp("offline-scope");
        Tenant.Key elsewhere = door.tenant.issueKey("door-f", "kiosk", List.of("summer-party"));
        Tenant.Key here = door.tenant.issueKey("door-g", "kiosk", List.of(Door.EVENT));
        long now = System.currentTimeMillis();
        ObjectNode outOfScope = success(door, door.passes.get("g1"), now - 60_000);
        var front = door.tenant.api().signed(elsewhere.signer(), "POST", "/v1/events", Envelopes.batch(List.of(outOfScope)));
        assertEquals("forbidden", front.json().get("results").get(0).get("reason").asText(), front.body());

        // an admin replays the quarantined upload: the replay does not know the key's events, the worker does
        String quarantined = forbidden(door).get(0).get("id").asText();
        var replay = door.tenant.api().withToken(door.adminToken, "POST", "/v1/ingest/quarantine/" + quarantined + "/replay", null);
        assertEquals(202, replay.status(), replay.body());
        var refusals = Eventually.await(WORKER, () -> forbidden(door), items -> items.size() == 2);
        assertEquals(outOfScope.get("event_id").asText(), refusals.get(0).get("event_id").asText());
        assertEquals("door-f", refusals.get(0).get("device_id").asText());

        // a key limited to this event still checks in offline, and the refused fact changed nothing
        ObjectNode inScope = success(door, door.passes.get("g2"), now - 30_000);
        upload(door, here, inScope);
        Eventually.until(WORKER, "g2 checked in", () -> door.store().state(door.tenant.id(), Door.EVENT, "g2").isPresent());
        assertEquals(Optional.empty(), door.store().state(door.tenant.id(), Door.EVENT, "g1"));
        assertEquals(1, door.counters().checkedIn());
        var raw = new EventStore(door.tenant.stack().awsClients().dynamoDb(), door.tenant.stack().tableName("DataTable"));
        assertTrue(raw.find(door.tenant.id(), outOfScope.get("event_id").asText()).isEmpty(), "a refused fact is not stored");
        var stats = door.tenant.api().withToken(door.adminToken, "GET", "/v1/ingest/stats", null).json().get("totals");
        assertEquals(2, stats.get("rejected").get("forbidden").asLong(), stats.toString());
    }

    @Test
    void anUploadWithAPassIssuedAgainMeanwhileIsKeptInTheQuarantineAsNotApplied() {
        Door door = Door.setUp("offline-reissued");
        Tenant.Key kiosk = door.tenant.issueKey("door-h", "kiosk");
        String cachedByTheKiosk = door.passes.get("g1");
        var again = door.tenant.api().withToken(door.adminToken, "POST", "/v1/events/" + Door.EVENT + "/passes",
                Map.of("guest_ids", List.of("g1")));
        assertEquals(201, again.status(), again.body());
        ObjectNode stale = success(door, cachedByTheKiosk, System.currentTimeMillis() - 60_000);
        upload(door, kiosk, stale);

        var items = Eventually.await(WORKER, () -> quarantined(door, "pass_unknown"), found -> !found.isEmpty());
        assertEquals(stale.get("event_id").asText(), items.get(0).get("event_id").asText());
        assertTrue(items.get(0).get("detail").asText().startsWith("Stored, not applied"), items.get(0).toString());
        assertEquals(Optional.empty(), door.store().state(door.tenant.id(), Door.EVENT, "g1"));
        assertEquals(0, door.counters().checkedIn());
    }

    private static List<JsonNode> forbidden(Door door) {
        return quarantined(door, "forbidden");
    }

    private static List<JsonNode> quarantined(Door door, String reason) {
        var answer = door.tenant.api().withToken(door.adminToken, "GET", "/v1/ingest/quarantine?reason=" + reason + "&limit=10", null);
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> items = new ArrayList<>();
        answer.json().get("items").forEach(items::add);
        return items;
    }

    private static ObjectNode success(Door door, String pass, long scannedAt) {
        ObjectNode envelope = Envelopes.envelope(door.tenant.id(), "checkin.success",
                Map.of("event", Door.EVENT, "pass", pass, "mode", "qr", "scanned_at", scannedAt));
        envelope.put("ts_ms", scannedAt);
        return envelope;
    }

    private static void upload(Door door, Tenant.Key kiosk, ObjectNode envelope) {
        var answer = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(List.of(envelope)));
        assertEquals(202, answer.status(), answer.body());
    }

}
