package io.seatpilot.local.it.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Incidents (issue 14 item 5): {@code safety.incident_*} telemetry and the ops routes drive one record per
 * incident; time to acknowledge and time to resolve come from the steps' own times (event times, not the test's
 * pace), per incident and as p50/p95 in {@code GET …/kpis}.
 */
class IncidentsTest {

    private static final Duration WORKER = Duration.ofSeconds(20);

    @Test
    void anIncidentAcknowledgedAtFortySecondsShowsFortySecondsWhateverOrderItsFactsArriveIn() {
        Tenant tenant = Tenant.create("safety-incidents");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        Tenant.Key kiosk = tenant.issueKey("door-inc", "kiosk");
        long opened = System.currentTimeMillis() - 180_000;
        // inc-1 in order; inc-2's acknowledgement and resolution arrive before its opening
        upload(tenant, kiosk, List.of(
                fact(tenant, "safety.incident_opened", opened, Map.of("event", event.id(), "incident_id", "inc-1",
                        "category", "medical", "priority", "high")),
                fact(tenant, "safety.incident_acknowledged", opened + 40_000, Map.of("event", event.id(),
                        "incident_id", "inc-1", "role_ack", "ops")),
                fact(tenant, "safety.incident_resolved", opened + 100_000, Map.of("event", event.id(),
                        "incident_id", "inc-1", "resolution_code", "treated_on_site"))));
        upload(tenant, kiosk, List.of(
                fact(tenant, "safety.incident_resolved", opened + 160_000, Map.of("event", event.id(),
                        "incident_id", "inc-2", "resolution_code", "false_alarm")),
                fact(tenant, "safety.incident_acknowledged", opened + 30_000, Map.of("event", event.id(),
                        "incident_id", "inc-2")),
                // a second acknowledgement, later: the first one counts
                fact(tenant, "safety.incident_acknowledged", opened + 90_000, Map.of("event", event.id(),
                        "incident_id", "inc-2")),
                // last in its message: once inc-2 is timed, every fact before it was applied
                fact(tenant, "safety.incident_opened", opened + 10_000, Map.of("event", event.id(), "incident_id", "inc-2",
                        "category", "lost_item"))));

        String viewer = tenant.token("viewer");
        JsonNode incidents = Eventually.await(WORKER, () -> event.get(viewer, "/kpis").json().get("incidents"),
                i -> timed(i, "inc-1") && timed(i, "inc-2"));
        assertEquals(2, incidents.get("count").asInt());
        Map<String, JsonNode> each = new java.util.HashMap<>();
        incidents.get("items").forEach(i -> each.put(i.get("incident_id").asText(), i));
        assertEquals(40_000, each.get("inc-1").get("time_to_acknowledge_ms").asLong());
        assertEquals(100_000, each.get("inc-1").get("time_to_resolve_ms").asLong());
        assertEquals(20_000, each.get("inc-2").get("time_to_acknowledge_ms").asLong());
        assertEquals(150_000, each.get("inc-2").get("time_to_resolve_ms").asLong());
        // nearest rank over {20 s, 40 s} and {100 s, 150 s}
        assertEquals(20_000, incidents.get("time_to_acknowledge_ms").get("p50").asLong());
        assertEquals(40_000, incidents.get("time_to_acknowledge_ms").get("p95").asLong());
        assertEquals(100_000, incidents.get("time_to_resolve_ms").get("p50").asLong());
        assertEquals(150_000, incidents.get("time_to_resolve_ms").get("p95").asLong());

        JsonNode listed = event.get(viewer, "/incidents").json().get("incidents");
        assertEquals(2, listed.size());
        for (JsonNode incident : listed) {
            if (incident.get("incident_id").asText().equals("inc-1")) {
                assertEquals("resolved", incident.get("status").asText());
                assertEquals("medical", incident.get("category").asText());
                assertEquals("treated_on_site", incident.get("resolution_code").asText());
                assertEquals("device:door-inc", incident.get("acknowledged_by").asText());
            }
        }
    }

    @Test
    void opsOpenAcknowledgeAndResolveThroughTheApiAndEachStepIsAudited() {
        Tenant tenant = Tenant.create("safety-incidents-api");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        String ops = tenant.token("ops");
        var opened = tenant.api().withToken(ops, "POST", "/v1/events/" + event.id() + "/incidents",
                Map.of("incident_id", "spill-1", "category", "spill", "priority", "low", "zone", "za"));
        assertEquals(201, opened.status(), opened.body());
        assertEquals("open", opened.json().get("status").asText());
        var again = tenant.api().withToken(ops, "POST", "/v1/events/" + event.id() + "/incidents",
                Map.of("incident_id", "spill-1", "category", "spill"));
        assertEquals(200, again.status(), again.body());
        assertEquals(opened.json().get("opened_at"), again.json().get("opened_at"), "a retried opening keeps the first time");

        var acked = tenant.api().withToken(ops, "POST", "/v1/events/" + event.id() + "/incidents/spill-1/ack", "");
        assertEquals(200, acked.status(), acked.body());
        assertEquals("acknowledged", acked.json().get("status").asText());
        assertTrue(acked.json().get("time_to_acknowledge_ms").asLong() >= 0);
        var resolved = tenant.api().withToken(ops, "POST", "/v1/events/" + event.id() + "/incidents/spill-1/resolve",
                Map.of("resolution_code", "cleaned"));
        assertEquals(200, resolved.status(), resolved.body());
        assertEquals("resolved", resolved.json().get("status").asText());

        var unknown = tenant.api().withToken(ops, "POST", "/v1/events/" + event.id() + "/incidents/nope/ack", "");
        assertEquals(404, unknown.status(), unknown.body());
        var noCode = tenant.api().withToken(ops, "POST", "/v1/events/" + event.id() + "/incidents/spill-1/resolve", Map.of());
        assertEquals(422, noCode.status(), noCode.body());
        var freeText = tenant.api().withToken(ops, "POST", "/v1/events/" + event.id() + "/incidents",
                Map.of("category", "guest fainted near bar"));
        assertEquals(422, freeText.status(), "a category is a code, never free text: " + freeText.body());
        var viewer = tenant.api().withToken(tenant.token("viewer"), "POST", "/v1/events/" + event.id() + "/incidents",
                Map.of("category", "spill"));
        assertEquals(403, viewer.status(), viewer.body());

        List<String> actions = new ArrayList<>();
        JsonNode entries = event.get(ops, "/audit").json().get("entries");
        entries.forEach(e -> actions.add(e.get("action").asText()));
        assertEquals(List.of("incident_opened", "incident_acknowledged", "incident_resolved"), actions);
        assertEquals("cleaned", entries.get(2).get("reason").asText());
        assertTrue(entries.get(0).get("actor").asText().startsWith("user:"));
    }

    /** Whether the KPIs' incident {@code id} has both its times (its opening and resolution were applied). */
    private static boolean timed(JsonNode incidents, String id) {
        for (JsonNode item : incidents.get("items")) {
            if (item.get("incident_id").asText().equals(id)) {
                return item.has("time_to_acknowledge_ms") && item.has("time_to_resolve_ms");
            }
        }
        return false;
    }

    private static ObjectNode fact(Tenant tenant, String name, long at, Map<String, Object> payload) {
        ObjectNode envelope = Envelopes.envelope(tenant.id(), name, payload);
        envelope.put("ts_ms", at);
        return envelope;
    }

    private static void upload(Tenant tenant, Tenant.Key kiosk, List<ObjectNode> envelopes) {
        var answer = tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(envelopes));
        assertEquals(202, answer.status(), answer.body());
    }
}
