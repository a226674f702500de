package io.seatpilot.local.it.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.SocketClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An evacuation at a wedding's reception, held as the event's second stop (SPEC §16), through the local stack: the
 * roll call must look for the people checked in at the reception, not for the ceremony's, and every alert and muster
 * message of it names the stop. Carla came to the ceremony only; Ana and Bruno went on to the reception. A later
 * evacuation of the ceremony counts the ceremony's people again.
 */
class StopRollCallTest {

    private static final long HOUR = 3_600_000;

    @Test
    void anEvacuationAtTheReceptionCallsTheRollOfTheReceptionsGuestsAndNamesItsStop() {
        Tenant tenant = Tenant.create("safety-stops");
        SafetyEvent wedding = new SafetyEvent(tenant, "boda-" + UUID.randomUUID().toString().substring(0, 8));
        String admin = tenant.adminToken();
        long now = System.currentTimeMillis();
        expect(201, tenant.api().withToken(admin, "PUT", "/v1/events/" + wedding.id(), Map.of("name", "Boda", "kind", "wedding",
                "timezone", "Europe/Madrid",
                "zones", List.of(Map.of("id", "za", "name", "Hall", "letter", "A", "color", "green")),
                "exits", List.of(Map.of("id", "x1", "name", "North", "status", "OPEN")),
                "muster_points", List.of(Map.of("id", "m1", "name", "Car park")),
                // the reception started an hour ago: it is the stop in progress
                "stops", List.of(Map.of("id", "ceremony", "name", "Ceremonia", "seated", false, "starts_at", now - 2 * HOUR),
                        Map.of("id", "reception", "name", "Banquete", "starts_at", now - HOUR)))));
        expect(200, tenant.api().withToken(admin, "PUT", "/v1/events/" + wedding.id() + "/tables", Map.of("tables", List.of(
                Map.of("id", "t1", "label", "A-1", "zone", "za", "capacity", 10, "shape", "round")))));
        expect(200, tenant.api().withToken(admin, "PUT", "/v1/events/" + wedding.id() + "/guests", Map.of("guests", List.of(
                Map.of("id", "g-ana", "first_name", "Ana", "last_name", "López", "rsvp", "confirmed", "table_id", "t1"),
                Map.of("id", "g-bruno", "first_name", "Bruno", "last_name", "Díaz", "rsvp", "confirmed", "table_id", "t1"),
                Map.of("id", "g-carla", "first_name", "Carla", "last_name", "Ruiz", "rsvp", "confirmed",
                        "stops", List.of("ceremony"))))));
        int n = 0;
        for (String guest : List.of("g-ana", "g-bruno", "g-carla")) {
            expect(201, wedding.checkIn(tenant.volunteer(n++, "ops"), guest, "ceremony"));
        }
        for (String guest : List.of("g-ana", "g-bruno")) {
            expect(201, wedding.checkIn(tenant.volunteer(n++, "ops"), guest, "reception"));
        }
        String ops = tenant.token("ops");

        try (SocketClient watcher = wedding.watch("viewer")) {
            // raised without naming a stop: the one in progress
            JsonNode evac = expect(201, wedding.raise(ops, Map.of("level", "EVAC", "template", "evacuate"))).json();
            assertEquals("reception", evac.path("stop").asText(), evac::toString);
            JsonNode alarm = SafetyEvent.next(watcher, "alert").get("data");
            assertEquals("reception", alarm.path("stop").asText(), alarm::toString);
            JsonNode page = SafetyEvent.next(watcher, "muster").get("data");
            assertTrue(page.get("roll_call").asBoolean(), page::toString);
            assertEquals("reception", page.path("stop").asText(), page::toString);
            assertEquals(2, page.get("inside").asInt(), "Carla was only at the ceremony: " + page);

            JsonNode roll = expect(200, wedding.get(ops, "/muster")).json();
            assertEquals("reception", roll.path("stop").asText(), roll::toString);
            assertEquals(2, roll.get("inside").asInt(), roll::toString);
            assertEquals(List.of("g-ana", "g-bruno"), ids(roll.get("unaccounted")));
            assertEquals("A-1", roll.get("unaccounted").get(0).get("table_label").asText(), "the reception is seated: " + roll);

            JsonNode mustered = expect(201, tenant.api().withToken(ops, "POST", "/v1/events/" + wedding.id()
                    + "/muster/m1/checkins", Map.of("guest_id", "g-ana"))).json();
            assertEquals("reception", mustered.path("stop").asText(), mustered::toString);
            JsonNode safe = SafetyEvent.next(watcher, "muster").get("data");
            assertEquals("g-ana", safe.get("guest_id").asText(), safe::toString);
            assertEquals("reception", safe.path("stop").asText(), safe::toString);
        }
        assertEquals(List.of("g-bruno"), ids(expect(200, wedding.get(ops, "/muster")).json().get("unaccounted")));
        JsonNode open = expect(200, wedding.get(tenant.token("viewer"), "/alerts")).json().get("alerts");
        assertEquals("reception", open.get(0).path("stop").asText(), open::toString);

        // an alert may name its stop; the first stop is named by no stop in what is sent, as before stops
        JsonNode atCeremony = expect(201, wedding.raise(ops, Map.of("level", "ALERT", "message", "Spill at the chapel door",
                "stop_id", "ceremony"))).json();
        assertFalse(atCeremony.has("stop"), atCeremony::toString);
        Api.Answer unknown = wedding.raise(ops, Map.of("level", "ALERT", "message", "Smoke", "stop_id", "dinner"));
        assertEquals(422, unknown.status(), unknown.body());
        assertEquals("validation_failed", unknown.json().get("reason").asText(), unknown.body());
        assertEquals("stop_id", unknown.json().get("field").asText(), unknown.body());

        // after the all-clear, an evacuation of the ceremony counts the ceremony's people: the stop is not carried over
        expect(201, wedding.raise(ops, Map.of("level", "CLEAR", "template", "all_clear")));
        expect(201, wedding.raise(ops, Map.of("level", "EVAC", "template", "evacuate", "stop_id", "ceremony")));
        JsonNode ceremony = expect(200, wedding.get(ops, "/muster")).json();
        assertFalse(ceremony.has("stop"), ceremony::toString);
        assertEquals(3, ceremony.get("inside").asInt(), ceremony::toString);
        assertEquals(List.of("g-ana", "g-bruno", "g-carla"), ids(ceremony.get("unaccounted")));
        assertFalse(ceremony.get("unaccounted").get(0).has("table_label"), "the ceremony has no seating: " + ceremony);
    }

    private static List<String> ids(JsonNode entries) {
        List<String> ids = new ArrayList<>();
        entries.forEach(e -> ids.add(e.get("guest_id").asText()));
        return ids;
    }

    private static Api.Answer expect(int status, Api.Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        return answer;
    }
}
