package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.local.it.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC §14: every client string has a byte bound that fits where it lands after normalisation. U+3316 (㌖) is one
 * character that folds to six (18 bytes): names well under their character limit can still overflow the name
 * index's 1 024-byte sort key.
 */
class StringBoundsTest {

    private static final String EXPANDING = "\u3316";

    @Test
    void aNameThatOverflowsTheIndexAfterFoldingIsARowErrorAndTheGoodRowsAreImported() {
        Door door = Door.setUp("bounds-import");
        var answer = door.tenant.api().withToken(door.adminToken, "PUT", "/v1/events/" + Door.EVENT + "/guests", Map.of(
                "guests", List.of(Map.of("id", "k1", "first_name", "Kenji", "last_name", "Sato", "rsvp", "confirmed"),
                        Map.of("id", "k2", "first_name", EXPANDING.repeat(100), "last_name", "Sato", "rsvp", "confirmed"),
                        Map.of("id", "k3", "first_name", "Yuki", "last_name", EXPANDING.repeat(3), "rsvp", "confirmed"))));
        assertEquals(200, answer.status(), answer.body());
        assertEquals(2, answer.json().get("imported").asInt(), answer.body());
        assertEquals(1, answer.json().get("rejected").asInt(), answer.body());
        assertEquals("k2", answer.json().get("errors").get(0).get("id").asText());
        assertEquals("first_name", answer.json().get("errors").get(0).get("field").asText());
        assertEquals(List.of("k1"), ids(search(door, "kenji")));
        assertEquals(List.of("k3"), ids(search(door, "yuki")));
    }

    @Test
    void aSearchThatOverflowsTheIndexKeyAfterFoldingIsRefusedNamingQ() {
        Door door = Door.setUp("bounds-search");
        Api.Answer answer = door.tenant.api().withToken(door.tenant.token("staff"), "GET", "/v1/events/" + Door.EVENT
                + "/guests/search?q=" + URLEncoder.encode(EXPANDING.repeat(60), StandardCharsets.UTF_8), null);
        assertEquals(422, answer.status(), answer.body());
        assertEquals("validation_failed", answer.reason());
        assertEquals("q", answer.json().path("field").asText());
    }

    private static com.fasterxml.jackson.databind.JsonNode search(Door door, String q) {
        Api.Answer answer = door.tenant.api().withToken(door.tenant.token("staff"), "GET", "/v1/events/" + Door.EVENT
                + "/guests/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), null);
        assertEquals(200, answer.status(), answer.body());
        return answer.json().get("guests");
    }

    private static List<String> ids(com.fasterxml.jackson.databind.JsonNode guests) {
        return guests.findValuesAsText("guest_id");
    }
}
