package io.seatpilot.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.auth.StopHistory;
import io.seatpilot.core.json.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each uploaded door fact is filed at the stop its kiosk stood at when it was scanned (SPEC §16), from the history
 * the verified device carries: a kiosk moved from the ceremony to the reception before it reconnected.
 */
class StopOfFactTest {

    private static final long MOVED = 1_780_000_000_000L;
    private static final long RECEIVED = MOVED + 600_000;
    private final Principal.Device kiosk = new Principal.Device("acme.k", "door-1", "acme", Role.KIOSK, Set.of("gala"),
            "reception", StopHistory.startingAt("ceremony", MOVED - 3_600_000).then("reception", MOVED));
    private final StopOfFact stops = new StopOfFact(kiosk, RECEIVED);

    private static JsonNode scan(Long scannedAt, long tsMs) {
        var payload = Json.MAPPER.createObjectNode().put("event", "gala").put("guest_id", "g-1");
        if (scannedAt != null) {
            payload.put("scanned_at", scannedAt);
        }
        var envelope = Json.MAPPER.createObjectNode().put("type", "checkin.qr_scan_success").put("ts_ms", tsMs);
        envelope.set("payload", payload);
        return envelope;
    }

    @Test
    void anEnvelopeNamingNoPartyHasNoStop() {
        var envelope = Json.MAPPER.createObjectNode().put("type", "app.heartbeat").put("ts_ms", MOVED);
        assertNull(stops.of(envelope));
    }

    @Test
    void aScanBeforeTheMoveIsFiledAtTheCeremony_oneAfterItAtTheReception() {
        assertEquals("ceremony", stops.of(scan(MOVED - 1, RECEIVED)));
        assertEquals("reception", stops.of(scan(MOVED, RECEIVED)));
    }

    @Test
    void withoutScannedAt_theEnvelopesTimeSays() {
        assertEquals("ceremony", stops.of(scan(null, MOVED - 10)));
    }
}
