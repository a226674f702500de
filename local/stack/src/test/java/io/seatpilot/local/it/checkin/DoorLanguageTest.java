package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The door answer's direction in the door's language (SPEC §15): ?lang=, then Accept-Language, then the event's default. */
class DoorLanguageTest {

    @Test
    void theDirectionFollowsTheKioskThenTheEvent() {
        Door door = Door.setUp("door-lang");
        door.put("/v1/events/" + Door.EVENT, Map.of("name", "Winter Gala", "kind", "gala", "default_locale", "es",
                "zones", List.of(Map.of("id", "za", "name", "Garden", "letter", "A", "color", "#2E8B57"),
                        Map.of("id", "zb", "name", "Hall", "letter", "B", "color", "blue"))), 200);
        Tenant.Key kiosk = door.tenant.issueKey("door-es", "kiosk");
        long now = System.currentTimeMillis();

        var byDefault = checkIn(door, kiosk, "g1", "", now, Map.of());
        assertEquals(201, byDefault.status(), byDefault.body());
        assertEquals("Zona B, mesa B-12", byDefault.json().get("direction").asText(), "the event's default_locale");

        var english = checkIn(door, kiosk, "g2", "", now, Map.of("accept-language", "en-GB,en;q=0.9"));
        assertEquals(201, english.status(), english.body());
        assertEquals("Zone A, table A-1", english.json().get("direction").asText());

        Map<String, Object> household = new HashMap<>(Map.of("checkin_id", java.util.UUID.randomUUID().toString(),
                "household_pass", door.householdPasses.get("h1"), "guest_ids", List.of("h1a", "h1b"), "mode", "household",
                "scanned_at", now));
        var chosen = send(door, kiosk, household, "?lang=en", Map.of("accept-language", "es"));
        assertEquals(201, chosen.status(), chosen.body());
        chosen.json().get("guests").forEach(card -> assertEquals("Zone B, table B-12", card.get("direction").asText(),
                "?lang= wins over Accept-Language: " + chosen.body()));
    }

    private static Api.Answer checkIn(Door door, Tenant.Key kiosk, String guest, String query, long now, Map<String, String> extra) {
        return send(door, kiosk, Door.byPass(door.passes.get(guest), now), query, extra);
    }

    private static Api.Answer send(Door door, Tenant.Key kiosk, Map<String, Object> checkin, String query, Map<String, String> extra) {
        String path = "/v1/events/" + Door.EVENT + "/checkins";
        byte[] body = Json.write(checkin).getBytes(StandardCharsets.UTF_8);
        var headers = new HashMap<>(kiosk.signer().sign("POST", path, body));
        headers.put("content-type", "application/json");
        headers.putAll(extra);
        return door.tenant.api().send("POST", path + query, body, headers);
    }
}
