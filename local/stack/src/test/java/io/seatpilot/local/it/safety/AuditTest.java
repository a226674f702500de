package io.seatpilot.local.it.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.it.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET …/audit} (SPEC §17): what the event's audit holds, in time order, paged, to admin and ops only. */
class AuditTest {

    @Test
    void opsReadsTheSafetyTrailInOrderPageByPageWithActorTimeAndDetails() {
        Tenant tenant = Tenant.create("safety-auditread");
        SafetyEvent event = SafetyEvent.create(tenant, 1000);
        String ops = tenant.token("ops");
        long before = System.currentTimeMillis();
        String alertId = event.raise(ops, Map.of("level", "ALERT", "template", "medical")).json().get("alert_id").asText();
        assertEquals(200, event.ack(ops, alertId).status());
        assertEquals(200, event.exit(ops, "x1", "BLOCKED").status());
        assertEquals(200, event.exit(ops, "x1", "OPEN").status());
        long after = System.currentTimeMillis() + 1;

        var allAnswer = event.get(ops, "/audit");
        assertEquals(200, allAnswer.status(), allAnswer.body());
        JsonNode all = allAnswer.json();
        List<String> actions = new ArrayList<>();
        all.get("entries").forEach(e -> actions.add(e.get("action").asText()));
        assertEquals(List.of("alert_raised", "alert_acked", "exit_changed", "exit_changed"), actions);
        JsonNode raised = all.get("entries").get(0);
        assertTrue(raised.get("actor").asText().startsWith("user:"), raised::toString);
        assertEquals(alertId, raised.get("subject").asText());
        assertEquals("ALERT", raised.get("details").get("level").asText());
        assertTrue(raised.get("at").asLong() >= before && raised.get("at").asLong() < after);
        assertEquals("BLOCKED", all.get("entries").get(2).get("details").get("status").asText());
        assertFalse(all.has("next"), "one page holds it all");

        // pages of 3, then the rest; next continues exactly where the page stopped
        String range = "?from=" + before + "&to=" + after;
        var firstAnswer = event.get(ops, "/audit" + range + "&limit=3");
        assertEquals(200, firstAnswer.status(), firstAnswer.body());
        JsonNode first = firstAnswer.json();
        assertEquals(3, first.get("entries").size());
        JsonNode second = event.get(ops, "/audit" + range + "&limit=3&next="
                + java.net.URLEncoder.encode(first.get("next").asText(), java.nio.charset.StandardCharsets.UTF_8)).json();
        assertEquals(1, second.get("entries").size());
        assertEquals(all.get("entries").get(3), second.get("entries").get(0));
        assertFalse(second.has("next"));
        assertEquals(0, event.get(ops, "/audit?from=" + after + "&to=" + (after + 60_000)).json().get("entries").size());

        assertEquals(200, event.get(tenant.token("admin"), "/audit").status());
        for (String role : List.of("viewer", "planner", "staff")) {
            assertEquals(403, event.get(tenant.token(role), "/audit").status(), role);
        }
        Tenant other = Tenant.create("safety-auditother");
        var foreign = other.api().withToken(other.token("ops"), "GET", "/v1/events/" + event.id() + "/audit", null);
        assertEquals(404, foreign.status(), "another tenant's event is not disclosed");

        assertRefused(event, ops, "?from=" + after + "&to=" + before, "from");
        assertRefused(event, ops, "?from=-1", "from");
        assertRefused(event, ops, "?to=99999999999999999", "to");
        assertRefused(event, ops, "?from=0&to=" + after, "from"); // longer than the 366-day bound
        assertRefused(event, ops, "?limit=0", "limit");
        assertRefused(event, ops, "?limit=501", "limit");
        assertRefused(event, ops, "?next=garbage", "next");
        assertRefused(event, ops, range + "&next=0000000000001%23x", "next"); // a cursor outside the range
    }

    private static void assertRefused(SafetyEvent event, String token, String query, String field) {
        var answer = event.get(token, "/audit" + query);
        assertEquals(422, answer.status(), query + " → " + answer.body());
        assertEquals("validation_failed", answer.json().get("reason").asText(), answer.body());
        assertEquals(field, answer.json().get("field").asText(), answer.body());
    }
}
