package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.auth.PassTokens;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.telemetry.EventStore;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6/§14: pass tokens are never kept in clear after issue — not in the raw events an offline upload leaves,
 * not in the quarantine on the ingest or the worker path — and the door still resolves the pass (by its hash).
 */
class PassRedactionTest {

    private static final Duration WORKER = Duration.ofSeconds(20);

    @Test
    void uploadedCheckinsAreStoredWithTheHashOfTheirPassAndCanStillBeUndone() {
        Door door = Door.setUp("redact-raw");
        Tenant.Key kiosk = door.tenant.issueKey("door-r", "kiosk");
        String pass = door.passes.get("g1");
        String householdPass = door.householdPasses.get("h1");
        long now = System.currentTimeMillis();
        ObjectNode single = Envelopes.envelope(door.tenant.id(), "checkin.success",
                Map.of("event", Door.EVENT, "pass", pass, "mode", "qr", "scanned_at", now - 5_000));
        ObjectNode household = Envelopes.envelope(door.tenant.id(), "checkin.success", Map.of("event", Door.EVENT,
                "household_pass", householdPass, "guest_ids", List.of("h1a"), "mode", "household", "scanned_at", now - 4_000));
        upload(door, kiosk, Envelopes.batch(List.of(single, household)), 202);
        Eventually.await(WORKER, () -> door.counters().checkedIn(), n -> n == 2);

        var raw = new EventStore(door.tenant.stack().awsClients().dynamoDb(), door.tenant.stack().tableName("DataTable"));
        String stored = Items.string(raw.find(door.tenant.id(), single.get("event_id").asText()).orElseThrow(), "envelope").orElseThrow();
        assertFalse(stored.contains(pass), stored);
        assertTrue(stored.contains(PassTokens.hash(pass)), stored);
        String storedHousehold = Items.string(raw.find(door.tenant.id(), household.get("event_id").asText()).orElseThrow(),
                "envelope").orElseThrow();
        assertFalse(storedHousehold.contains(householdPass), storedHousehold);

        var undo = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + Door.EVENT + "/checkins/"
                + single.get("event_id").asText() + "/undo", "");
        assertEquals(201, undo.status(), undo.body());
        assertEquals(List.of("g1"), List.of(undo.json().get("guest_ids").get(0).asText()));

        var kept = door.checkIn(kiosk, Door.byPass(PassTokens.stored(door.passes.get("g2")), System.currentTimeMillis()));
        assertEquals(404, kept.status(), "the kept form of a pass opens nothing at the door: " + kept.body());
        assertEquals("pass_unknown", kept.reason());
    }

    @Test
    void quarantinedBodiesKeepOnlyTheHashOfAPassOnBothPaths() {
        Door door = Door.setUp("redact-quarantine");
        Tenant.Key kiosk = door.tenant.issueKey("door-q", "kiosk");
        String current = door.passes.get("g2");
        // ingest path: a schema refusal, and a body that is not even JSON
        ObjectNode unknownField = Envelopes.envelope(door.tenant.id(), "checkin.success",
                Map.of("event", Door.EVENT, "pass", current, "mode", "qr", "colour", "red"));
        upload(door, kiosk, unknownField.toString(), 422);
        upload(door, kiosk, "{\"events\":[{\"payload\":{\"pass\":\"" + current + "\"", 400);
        // worker path: a pass issued again meanwhile is stored but not applied
        String stale = door.passes.get("g1");
        var again = door.tenant.api().withToken(door.adminToken, "POST", "/v1/events/" + Door.EVENT + "/passes",
                Map.of("guest_ids", List.of("g1")));
        assertEquals(201, again.status(), again.body());
        upload(door, kiosk, Envelopes.batch(List.of(Envelopes.envelope(door.tenant.id(), "checkin.success",
                Map.of("event", Door.EVENT, "pass", stale, "mode", "qr")))), 202);
        Eventually.await(WORKER, () -> quarantined(door, "pass_unknown"), items -> !items.isEmpty());

        List<JsonNode> all = new ArrayList<>();
        for (String reason : List.of("schema_mismatch", "malformed_json", "pass_unknown")) {
            List<JsonNode> items = quarantined(door, reason);
            assertEquals(1, items.size(), reason);
            all.addAll(items);
        }
        for (JsonNode item : all) {
            String body = item.get("body").asText();
            assertFalse(body.contains(current) || body.contains(stale), body);
        }
        assertTrue(all.get(0).get("body").asText().contains(PassTokens.hash(current)), all.get(0).toString());
        assertTrue(all.get(2).get("body").asText().contains(PassTokens.hash(stale)), all.get(2).toString());
    }

    private static void upload(Door door, Tenant.Key kiosk, String body, int status) {
        var answer = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events", body);
        assertEquals(status, answer.status(), answer.body());
    }

    private static List<JsonNode> quarantined(Door door, String reason) {
        var answer = door.tenant.api().withToken(door.adminToken, "GET", "/v1/ingest/quarantine?reason=" + reason + "&limit=10", null);
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> items = new ArrayList<>();
        answer.json().get("items").forEach(items::add);
        return items;
    }
}
