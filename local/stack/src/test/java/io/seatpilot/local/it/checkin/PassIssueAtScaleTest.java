package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.it.Tenant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a planner issues the passes of a 3 000-guest event in one {@code POST …/passes}, through the local
 * gateway and its 30 s timeout (a 503 past it), each pass with its short code and the door list's PBKDF2 hash of it.
 */
class PassIssueAtScaleTest {

    private static final int GUESTS = 3_000;

    @Test
    void threeThousandGuestsGetTheirPassesInOneRequest() {
        Tenant tenant = Tenant.create("passes-3000");
        String admin = tenant.adminToken();
        String event = "/v1/events/big-gala";
        var created = tenant.api().withToken(admin, "PUT", event, Map.of("name", "Big gala", "kind", "gala", "timezone", "Europe/Madrid"));
        assertEquals(201, created.status(), created.body());
        for (int start = 0; start < GUESTS; start += 500) {
            List<Map<String, Object>> chunk = new ArrayList<>();
            for (int i = start; i < start + 500; i++) {
                chunk.add(Map.of("id", "g" + i, "first_name", "Guest" + i, "last_name", "Big", "rsvp", "confirmed"));
            }
            var imported = tenant.api().withToken(admin, "PUT", event + "/guests", Map.of("guests", chunk));
            assertEquals(200, imported.status(), imported.body());
        }

        var issued = tenant.api().withToken(admin, "POST", event + "/passes", Map.of());
        assertEquals(201, issued.status(), issued.body());
        Set<String> guests = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (JsonNode pass : issued.json().get("passes")) {
            guests.add(pass.get("guest_id").asText());
            codes.add(pass.get("code").asText());
        }
        assertEquals(GUESTS, guests.size(), "one pass per guest");
        assertEquals(GUESTS, codes.size(), "short codes are unique per event");

        JsonNode list = tenant.api().withToken(tenant.volunteer(1, "staff"), "GET", event + "/doorlist", null).json();
        int hashed = 0;
        for (JsonNode guest : list.get("guests")) {
            if (guest.hasNonNull("code_hash") && guest.get("pass_hashes").size() == 1) {
                hashed++;
            }
        }
        assertEquals(GUESTS, hashed, "every guest is on the door list with a pass hash and a code hash");
    }
}
