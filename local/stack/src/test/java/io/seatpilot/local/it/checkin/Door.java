package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.checkin.CheckinStore;
import io.seatpilot.core.checkin.DoorCounters;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One event set up through the API as a planner would (zones, tables, guests with a household of four who come
 * and one who declined, passes),
 * and door calls as a signed kiosk makes them.
 */
final class Door {

    static final String EVENT = "gala-2026";

    final Tenant tenant;
    final String adminToken;
    final Map<String, String> passes = new HashMap<>();
    final Map<String, String> householdPasses = new HashMap<>();
    /** Short codes as issued, by guest id and by {@code household:<id>}. */
    final Map<String, String> codes = new HashMap<>();

    private Door(Tenant tenant) {
        this.tenant = tenant;
        this.adminToken = tenant.adminToken();
    }

    static Door setUp(String prefix) {
        return setUp(Tenant.create(prefix));
    }

    static Door setUp(Tenant tenant) {
        Door door = new Door(tenant);
        door.put("/v1/events/" + EVENT, Map.of("name", "Winter Gala", "kind", "gala", "timezone", "Europe/Madrid",
                "zones", List.of(Map.of("id", "za", "name", "Garden", "letter", "A", "color", "#2E8B57"),
                        Map.of("id", "zb", "name", "Hall", "letter", "B", "color", "blue")),
                "exits", List.of(Map.of("id", "x1", "name", "North", "status", "OPEN"))), 201);
        door.put("/v1/events/" + EVENT + "/tables", Map.of("tables", List.of(
                Map.of("id", "t1", "label", "A-1", "zone", "za", "capacity", 8, "shape", "round", "tags", List.of("accessible")),
                Map.of("id", "t12", "label", "B-12", "zone", "zb", "capacity", 10, "shape", "round"))), 200);
        door.put("/v1/events/" + EVENT + "/guests", Map.of(
                "guests", List.of(
                        guest("g1", "José", "Núñez", null, "confirmed", "t12", "3"),
                        guest("g2", "Ana", "Ortiz", null, "confirmed", "t1", null),
                        guest("g3", "Declan", "Byrne", null, "declined", "t1", null),
                        guest("h1a", "Marta", "Ruiz", "h1", "confirmed", "t12", null),
                        guest("h1b", "Luis", "Ruiz", "h1", "confirmed", "t12", null),
                        guest("h1c", "Sofía", "Ruiz", "h1", "confirmed", "t12", null),
                        guest("h1d", "Pablo", "Ruiz", "h1", "confirmed", "t12", null),
                        guest("h1e", "Iker", "Ruiz", "h1", "declined", "t12", null)),
                "households", List.of(Map.of("id", "h1", "name", "Ruiz family"))), 200);
        var issued = door.tenant.api().withToken(door.adminToken, "POST", "/v1/events/" + EVENT + "/passes",
                Map.of("households", true));
        assertEquals(201, issued.status(), issued.body());
        for (JsonNode pass : issued.json().get("passes")) {
            if (pass.has("guest_id")) {
                door.passes.put(pass.get("guest_id").asText(), pass.get("token").asText());
                door.codes.put(pass.get("guest_id").asText(), pass.get("code").asText());
            } else {
                door.codes.put("household:" + pass.get("household_id").asText(), pass.get("code").asText());
                door.householdPasses.put(pass.get("household_id").asText(), pass.get("token").asText());
            }
        }
        return door;
    }

    private static Map<String, Object> guest(String id, String first, String last, String household, String rsvp,
                                             String table, String seat) {
        Map<String, Object> guest = new HashMap<>(Map.of("id", id, "first_name", first, "last_name", last, "rsvp", rsvp,
                "table_id", table));
        if (household != null) {
            guest.put("household_id", household);
        }
        if (seat != null) {
            guest.put("seat", seat);
        }
        return guest;
    }

    void put(String path, Object body, int expected) {
        var answer = tenant.api().withToken(adminToken, "PUT", path, body);
        assertEquals(expected, answer.status(), answer.body());
    }

    static Map<String, Object> byPass(String token, long scannedAt) {
        return new HashMap<>(Map.of("checkin_id", UUID.randomUUID().toString(), "pass", token, "mode", "qr",
                "scanned_at", scannedAt));
    }

    Api.Answer checkIn(Tenant.Key kiosk, Map<String, Object> body) {
        return checkIn(kiosk, EVENT, body);
    }

    Api.Answer checkIn(Tenant.Key kiosk, String event, Map<String, Object> body) {
        return tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + event + "/checkins", Json.write(body));
    }

    CheckinStore store() {
        return new CheckinStore(tenant.stack().awsClients().dynamoDb(), tenant.stack().tableName("DataTable"));
    }

    DoorCounters counters() {
        return store().counters(tenant.id(), EVENT);
    }
}
