package io.seatpilot.local.it.safety;

import static io.seatpilot.local.it.safety.SafetyEvent.assertType;
import static io.seatpilot.local.it.safety.SafetyEvent.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.SocketClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SPEC §9/§14: an alert message is at most seven words and 140 characters, whatever its shape, and the body has a
 * byte bound; a client retrying a raise with its {@code request_id} raises one alert, not two.
 */
class AlertLimitsTest {

    @Test
    void oneLongWordIsRefusedBeforeAnythingIsStoredOrPushed() {
        Tenant tenant = Tenant.create("alert-limits");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        try (SocketClient watcher = event.watch("ops")) {
            var word = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "x".repeat(141)));
            assertEquals(422, word.status(), word.body());
            assertEquals("message_too_long", word.reason());
            assertEquals("message", word.json().path("field").asText());
            var huge = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "x".repeat(150_000)));
            assertEquals(413, huge.status(), huge.body());
            assertEquals("payload_too_large", huge.reason());
            var larger = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "x".repeat(500_000)));
            assertEquals(413, larger.status(), larger.body());
            var fits = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "é".repeat(140)));
            assertEquals(201, fits.status(), fits.body());
            var pushed = json(watcher.next());
            assertType("alert", pushed);
            assertEquals(fits.json().get("alert_id").asText(), pushed.path("data").path("alert_id").asText(),
                    "the refused alerts reached no socket: the first message is the one that fit");
        }
        assertEquals(1, event.get(tenant.token("ops"), "/alerts").json().get("alerts").size());
    }

    @Test
    void aRetriedRaiseWithItsRequestIdRaisesOneAlert() {
        Tenant tenant = Tenant.create("alert-retry");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        String requestId = UUID.randomUUID().toString();
        var first = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "Lost child at bar",
                "request_id", requestId));
        assertEquals(201, first.status(), first.body());
        var retry = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "Lost child at bar",
                "request_id", requestId));
        assertEquals(201, retry.status(), retry.body());
        assertEquals(first.json().get("alert_id"), retry.json().get("alert_id"));
        assertEquals(first.json().get("raised_at"), retry.json().get("raised_at"));
        var other = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "Lost child at bar",
                "request_id", UUID.randomUUID().toString()));
        assertEquals(201, other.status(), other.body());
        assertEquals(2, event.get(tenant.token("ops"), "/alerts").json().get("alerts").size());
        var malformed = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "x", "request_id", "again"));
        assertEquals(422, malformed.status(), malformed.body());
        assertEquals("request_id", malformed.json().path("field").asText());
    }
}
