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
        while (true) {
            JsonNode data = SafetyEvent.next(watcher, "headcount").get("data");
            if (data.get("zone").asText().equals("za") && data.get("headcount").asLong() == count) {
                assertEquals(100, data.get("capacity").asInt());
                return;
            }
        }
    }
}
