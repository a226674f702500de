package io.seatpilot.core.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckinRequestTest {

    private static final String ID = "0b8f4a4e-8a8e-4c1e-9a57-3f0b1c2d3e4f";

    @Test
    void anOnlineBodyNamesExactlyOneIdentity() {
        var request = CheckinRequest.online("gala", body(Map.of("checkin_id", ID, "pass", "abcdEFGH", "mode", "qr", "scanned_at", 5)), 5);
        assertInstanceOf(Identity.ByPass.class, request.identity());
        assertEquals(5, request.scannedAt());
        var twoIdentities = assertThrows(ApiException.class, () -> CheckinRequest.online("gala",
                body(Map.of("checkin_id", ID, "pass", "abcdEFGH", "guest_id", "g1", "mode", "qr", "scanned_at", 5)), 5));
        assertEquals("validation_failed", twoIdentities.problem().reason());
        var householdWithoutMembers = assertThrows(ApiException.class, () -> CheckinRequest.online("gala",
                body(Map.of("checkin_id", ID, "household_pass", "abcdEFGH", "mode", "household", "scanned_at", 5)), 5));
        assertEquals("guest_ids", householdWithoutMembers.problem().field());
    }

    @Test
    void anUploadedEnvelopeCarriesItsOwnScanTimeAndItsEventIdAsCheckinId() {
        ObjectNode envelope = body(Map.of("event_id", ID, "ts_ms", 900, "session_id", "s1",
                "payload", Map.of("event", "gala", "mode", "household", "household_pass", "abcdEFGH",
                        "guest_ids", List.of("a", "b"), "scanned_at", 700)));
        var request = CheckinRequest.offline(envelope);
        assertEquals(ID, request.checkinId());
        assertEquals(700, request.scannedAt());
        assertEquals(List.of("a", "b"), ((Identity.ByHousehold) request.identity()).guestIds());
    }

    private static ObjectNode body(Map<String, Object> fields) {
        return (ObjectNode) Json.tree(fields);
    }
}
