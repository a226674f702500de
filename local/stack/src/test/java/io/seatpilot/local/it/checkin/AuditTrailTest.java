package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.Tenant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit you can read (SPEC §17): {@code GET …/audit} lists every action that changed people's data on the
 * event — the guest import, a device key, a seating publish, a check-in, its undo, a check-out — with who did it,
 * through which device, when and why.
 */
class AuditTrailTest {

    @Test
    void theAuditListsImportKeyPublishCheckinUndoAndCheckoutWithActorAndDevice() {
        Door door = Door.setUp("audit-trail");
        String admin = door.tenant.adminToken();
        Tenant.Key kiosk = door.tenant.issueKey("door-audit", "kiosk", List.of(Door.EVENT));
        Tenant.Key everywhere = door.tenant.issueKey("screen-lobby", "screen");

        var solved = door.tenant.api().withToken(admin, "POST", "/v1/events/" + Door.EVENT + "/seating/solve",
                Map.of("time_limit_ms", 200));
        assertEquals(200, solved.status(), solved.body());
        long version = solved.json().get("version").asLong();
        var published = door.tenant.api().withToken(admin, "POST", "/v1/events/" + Door.EVENT + "/seating/publish",
                Map.of("version", version));
        assertEquals(200, published.status(), published.body());

        var checkin = door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), System.currentTimeMillis()));
        assertEquals(201, checkin.status(), checkin.body());
        var wrong = door.checkIn(kiosk, Door.byPass(door.passes.get("g2"), System.currentTimeMillis()));
        assertEquals(201, wrong.status(), wrong.body());
        String wrongId = wrong.json().get("checkin_id").asText();
        var undo = door.tenant.api().signed(kiosk.signer(), "POST",
                "/v1/events/" + Door.EVENT + "/checkins/" + wrongId + "/undo", "");
        assertEquals(201, undo.status(), undo.body());
        Map<String, Object> out = new HashMap<>(Map.of("checkout_id", UUID.randomUUID().toString(), "guest_id", "g1",
                "scanned_at", System.currentTimeMillis()));
        var checkout = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + Door.EVENT + "/checkouts", Json.write(out));
        assertEquals(201, checkout.status(), checkout.body());

        var answer = door.tenant.api().withToken(door.tenant.token("ops"), "GET", "/v1/events/" + Door.EVENT + "/audit", null);
        assertEquals(200, answer.status(), answer.body());
        Map<String, JsonNode> byAction = new HashMap<>();
        List<String> actions = new ArrayList<>();
        answer.json().get("entries").forEach(e -> {
            actions.add(e.get("action").asText());
            byAction.putIfAbsent(e.get("action").asText() + ":" + e.path("subject").asText(), e);
        });
        assertEquals(List.of("guests_imported", "device_key_issued", "device_key_issued", "seating_published",
                "checkin", "checkin", "checkin_undone", "checkout"), actions, answer.body());

        JsonNode imported = byAction.get("guests_imported:" + Door.EVENT);
        assertTrue(imported.get("actor").asText().startsWith("user:"), imported::toString);
        assertEquals("8", imported.get("details").get("imported").asText());
        assertEquals("json", imported.get("details").get("format").asText());
        assertTrue(!answer.body().contains("Núñez") && !answer.body().contains("José"), "the audit names no guest");

        JsonNode scoped = byAction.get("device_key_issued:door-audit");
        assertEquals(kiosk.keyId(), scoped.get("details").get("key_id").asText());
        assertTrue(scoped.get("actor").asText().startsWith("user:"), scoped::toString);
        // a key for every event is kept in the tenant's trail and read with each event's
        assertEquals(everywhere.keyId(), byAction.get("device_key_issued:screen-lobby").get("details").get("key_id").asText());

        assertEquals(Long.toString(version), byAction.get("seating_published:" + Door.EVENT).get("details").get("version").asText());

        JsonNode checkedIn = byAction.get("checkin:g1");
        assertEquals("device:door-audit", checkedIn.get("actor").asText());
        assertEquals("door-audit", checkedIn.get("device").asText());
        assertEquals("qr", checkedIn.get("details").get("mode").asText());
        assertEquals(kiosk.keyId(), checkedIn.get("details").get("key_id").asText());

        JsonNode undone = byAction.get("checkin_undone:g2");
        assertEquals("door-audit", undone.get("device").asText());
        assertEquals("scan_corrected", undone.get("reason").asText());
        assertEquals(wrongId, undone.get("details").get("checkin_id").asText());

        JsonNode left = byAction.get("checkout:g1");
        assertEquals("door-audit", left.get("device").asText());
        assertEquals(out.get("checkout_id"), left.get("details").get("checkout_id").asText());
        assertTrue(left.get("at").asLong() >= checkedIn.get("at").asLong());
    }
}
