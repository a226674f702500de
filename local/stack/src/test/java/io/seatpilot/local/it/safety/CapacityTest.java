package io.seatpilot.local.it.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.SocketClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Zone capacity through the real path: check-ins write their counters, DataTable's stream feeds the capacity
 * function, which pushes headcounts and raises alerts. A zone of 100 goes 89 → 90 → 89 → 90 → 89 → 90 (90 %
 * crossed three times without dropping below 85 %, where it re-arms) and then 100: one 90 % alert and one high
 * alert, no storm.
 */
class CapacityTest {

    @Test
    void crossingNinetyPercentBackAndForthAlertsOnceAndFullAlertsHigh() throws Exception {
        Tenant tenant = Tenant.create("safety-capacity");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        event.guests(110);
        String ops = tenant.token("ops");
        try (SocketClient watcher = event.watch("ops")) {
            SafetyEvent.parallel(89, i -> event.checkIn(tenant.volunteer(i, "ops"), SafetyEvent.guestId(i)), 201);
            awaitHeadcount(watcher, 89);
            String ninetieth = checkIn(event, tenant.volunteer(89, "ops"), 89);
            awaitHeadcount(watcher, 90);
            undo(event, ops, ninetieth);
            awaitHeadcount(watcher, 89);
            String again = checkIn(event, tenant.volunteer(90, "ops"), 90);
            awaitHeadcount(watcher, 90);
            undo(event, ops, again);
            awaitHeadcount(watcher, 89);
            checkIn(event, tenant.volunteer(91, "ops"), 91);
            awaitHeadcount(watcher, 90);
            for (int i = 92; i < 102; i++) {
                checkIn(event, tenant.volunteer(i, "ops"), i);
            }
            awaitHeadcount(watcher, 100);
            JsonNode high = SafetyEvent.next(watcher, "alert");
            while (!high.get("data").path("severity").asText().equals("high")) {
                high = SafetyEvent.next(watcher, "alert");
            }
            assertEquals("za", high.get("data").get("zone").asText());
        }
        List<String> capacityAlerts = new ArrayList<>();
        for (JsonNode alert : event.get(ops, "/alerts").json().get("alerts")) {
            if (alert.get("source").asText().equals("capacity")) {
                capacityAlerts.add(alert.get("message").asText() + "/" + alert.path("severity").asText("normal"));
            }
        }
        assertEquals(List.of("Zone A at 90% capacity/normal", "Zone A at 100% capacity/high"), capacityAlerts);
    }

    /**
     * Capacity follows guests inside now (SPEC §9, §17): a zone of 10 reaches 9 (90 %, one alert), one guest steps
     * out (8: below 85 %, the alert re-arms) and comes back (9 again: a second alert). Were check-outs not counted,
     * the zone would never re-arm and the second crossing would go unannounced.
     */
    @Test
    void aCheckoutReArmsTheNinetyPercentAlertAndTheReentryRaisesItAgain() throws Exception {
        Tenant tenant = Tenant.create("safety-capacity-out");
        SafetyEvent event = SafetyEvent.create(tenant, 10);
        event.guests(10);
        String ops = tenant.token("ops");
        try (SocketClient watcher = event.watch("ops")) {
            for (int i = 0; i < 9; i++) {
                checkIn(event, tenant.volunteer(i, "ops"), i);
            }
            awaitHeadcount(watcher, 9, 10);
            var out = tenant.api().withToken(tenant.volunteer(10, "ops"), "POST", "/v1/events/" + event.id() + "/checkouts",
                    java.util.Map.of("checkout_id", java.util.UUID.randomUUID().toString(), "guest_id", SafetyEvent.guestId(4),
                            "scanned_at", System.currentTimeMillis()));
            assertEquals(201, out.status(), out.body());
            awaitHeadcount(watcher, 8, 10);
            var back = event.checkIn(tenant.volunteer(10, "ops"), SafetyEvent.guestId(4));
            assertEquals(201, back.status(), back.body());
            assertEquals(true, back.json().get("reentry").asBoolean(), back.body());
            awaitHeadcount(watcher, 9, 10);
        }
        io.seatpilot.local.it.Eventually.until(java.time.Duration.ofSeconds(20), "two capacity alerts",
                () -> capacityAlerts(event, ops).size() == 2);
        assertEquals(List.of("Zone A at 90% capacity/normal", "Zone A at 90% capacity/normal"), capacityAlerts(event, ops));
    }

    private static List<String> capacityAlerts(SafetyEvent event, String token) {
        List<String> capacityAlerts = new ArrayList<>();
        for (JsonNode alert : event.get(token, "/alerts").json().get("alerts")) {
            if (alert.get("source").asText().equals("capacity")) {
                capacityAlerts.add(alert.get("message").asText() + "/" + alert.path("severity").asText("normal"));
            }
        }
        return capacityAlerts;
    }

    private static String checkIn(SafetyEvent event, String token, int guest) {
        var answer = event.checkIn(token, SafetyEvent.guestId(guest));
        assertEquals(201, answer.status(), answer.body());
        return answer.json().get("checkin_id").asText();
    }

    private static void undo(SafetyEvent event, String token, String checkinId) {
        var answer = event.tenant().api().withToken(token, "POST", "/v1/events/" + event.id() + "/checkins/" + checkinId + "/undo", "");
        assertEquals(201, answer.status(), answer.body());
    }

    /** Skips messages until a headcount shows zone za at {@code count}. */
    private static void awaitHeadcount(SocketClient watcher, long count) {
        awaitHeadcount(watcher, count, 100);
    }

    private static void awaitHeadcount(SocketClient watcher, long count, int capacity) {
        while (true) {
            JsonNode data = SafetyEvent.next(watcher, "headcount").get("data");
            if (data.get("zone").asText().equals("za") && data.get("headcount").asLong() == count) {
                assertEquals(capacity, data.get("capacity").asInt());
                return;
            }
        }
    }
}
