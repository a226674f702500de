package io.seatpilot.local.it.safety;

import static io.seatpilot.local.it.safety.SafetyEvent.assertType;
import static io.seatpilot.local.it.safety.SafetyEvent.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.live.LiveConnectionStore;
import io.seatpilot.core.live.Publisher;
import io.seatpilot.core.safety.AlertStore;
import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.ManagementClients;
import io.seatpilot.local.websocket.SocketClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Alerts through the real template on the local stack: raised over HTTP by the safety function, pushed over the
 * local WebSocket gateway, acknowledged, and escalated by the escalation function fed by ElasticMQ's per-message
 * delay (3 s on the shared stack).
 */
class AlertsTest {

    private static LocalStack stack;
    private static ApiGatewayManagementApiClient management;
    private static Publisher publisher;
    private static AlertStore alerts;
    private static AuditLog audit;

    @BeforeAll
    static void stack() {
        stack = SharedStack.get();
        management = ManagementClients.at(stack.connectionsEndpoint());
        var dynamo = stack.awsClients().dynamoDb();
        String table = stack.tableName("DataTable");
        publisher = new Publisher(new LiveConnectionStore(dynamo, table), management, Clock.systemUTC());
        alerts = new AlertStore(dynamo, table);
        audit = new AuditLog(dynamo, table);
    }

    @AfterAll
    static void closeClient() {
        management.close();
    }

    /**
     * Proves a socket received nothing before now: a marker published after the action must be its next message
     * (a socket receives in publication order, so an earlier alert would come first).
     */
    private static void assertNothingBefore(SafetyEvent event, SocketClient client) {
        publisher.publish(event.tenant().id(), event.id(), "marker", Map.of());
        assertType("marker", json(client.next()));
    }

    @Test
    void anAlertReachesEverySubscribedConnectionOfItsEventAndNoneOfAnotherEventOrTenant() {
        Tenant tenant = Tenant.create("safety");
        Tenant other = Tenant.create("safety-other");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        SafetyEvent sibling = SafetyEvent.create(tenant, 100);
        // the other tenant's event has the same id: tenancy, not ids, must keep it apart
        var sameId = other.api().withToken(other.adminToken(), "PUT", "/v1/events/" + event.id(),
                Map.of("name", "Other", "kind", "gala", "timezone", "Europe/Madrid"));
        assertEquals(201, sameId.status(), sameId.body());
        SafetyEvent foreign = new SafetyEvent(other, event.id());

        try (SocketClient ops = event.watch("ops"); SocketClient viewer = event.watch("viewer");
             SocketClient admin = event.watch("admin"); SocketClient siblingWatcher = sibling.watch("ops");
             SocketClient foreignWatcher = foreign.watch("admin")) {
            var raised = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "zone", "A", "message", "Smoke near the stage"));
            assertEquals(201, raised.status(), raised.body());
            String alertId = raised.json().get("alert_id").asText();
            assertEquals("za", raised.json().get("zone").asText(), "a zone letter is stored as the zone's id");
            assertTrue(raised.json().get("needs_ack").asBoolean());

            for (SocketClient client : List.of(ops, viewer, admin)) {
                JsonNode message = json(client.next());
                assertType("alert", message);
                assertEquals(event.id(), message.get("event").asText());
                assertEquals(alertId, message.get("data").get("alert_id").asText());
                assertEquals("Smoke near the stage", message.get("data").get("message").asText());
                assertFalse(message.get("data").get("escalated").asBoolean());
            }
            assertNothingBefore(sibling, siblingWatcher);
            assertNothingBefore(foreign, foreignWatcher);
        }
    }

    @Test
    void refusalsFollowTheContract() {
        Tenant tenant = Tenant.create("safety-refusals");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        var tooLong = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "please everyone move calmly towards the north exit"));
        assertEquals(422, tooLong.status());
        assertEquals("message_too_long", tooLong.reason());
        assertEquals("application/problem+json", tooLong.contentType());
        assertEquals("forbidden", event.raise(tenant.token("viewer"), Map.of("level", "ALERT", "message", "x")).reason());
        assertEquals("forbidden", event.raise(tenant.token("staff"), Map.of("level", "ALERT", "message", "x")).reason());
        assertEquals("validation_failed", event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "x", "zone", "Q")).reason());
        assertEquals("tenant_mismatch", event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "x", "tenant_id", "someone-else")).reason());
        var unknownEvent = tenant.api().withToken(tenant.token("ops"), "POST", "/v1/events/no-such-event/alerts",
                Map.of("level", "ALERT", "message", "x"));
        assertEquals(404, unknownEvent.status());
        assertEquals("not_found", event.ack(tenant.token("ops"), "0000000000000-nothing").reason());
    }

    @Test
    void aViewerCannotAcknowledgeAndOpsCanOnceAndEveryoneWatchingSeesIt() {
        Tenant tenant = Tenant.create("safety-ack");
        Tenant other = Tenant.create("safety-ack-other");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        try (SocketClient watcher = event.watch("viewer")) {
            String alertId = event.raise(tenant.token("admin"), Map.of("level", "EVAC", "template", "evacuate")).json()
                    .get("alert_id").asText();
            assertType("alert", SafetyEvent.nextBesideRollCall(watcher));

            var byViewer = event.ack(tenant.token("viewer"), alertId);
            assertEquals(403, byViewer.status());
            assertEquals("forbidden", byViewer.reason());
            var byOtherTenant = other.api().withToken(other.token("ops"), "POST",
                    "/v1/events/" + event.id() + "/alerts/" + alertId + "/ack", "");
            assertEquals(404, byOtherTenant.status());

            var byOps = event.ack(tenant.token("ops"), alertId);
            assertEquals(200, byOps.status(), byOps.body());
            assertTrue(byOps.json().get("acked_by").asText().startsWith("user:"));
            long ackedAt = byOps.json().get("acked_at").asLong();
            JsonNode acked = SafetyEvent.nextBesideRollCall(watcher);
            assertType("alert_ack", acked);
            assertEquals(alertId, acked.get("data").get("alert_id").asText());

            var again = event.ack(tenant.token("admin"), alertId);
            assertEquals(200, again.status());
            assertEquals(ackedAt, again.json().get("acked_at").asLong(), "the first acknowledgement stays");
            assertNothingBefore(event, watcher);

            var open = event.get(tenant.token("viewer"), "/alerts").json().get("alerts");
            assertEquals(1, open.size());
            assertFalse(open.get(0).get("needs_ack").asBoolean());
            assertEquals(List.of("alert_raised", "alert_acked"), actions(tenant, event));
        }
    }

    @Test
    void anUnacknowledgedAlertEscalatesExactlyOnceAndAnAcknowledgedOneNever() throws InterruptedException {
        Tenant tenant = Tenant.create("safety-escalation");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        try (SocketClient watcher = event.watch("ops")) {
            var raised = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "Unattended bag, hall B"));
            String alertId = raised.json().get("alert_id").asText();
            long raisedAt = raised.json().get("raised_at").asLong();
            String ackedId = event.raise(tenant.token("ops"), Map.of("level", "ALERT", "message", "Spill at bar")).json()
                    .get("alert_id").asText();
            assertEquals(200, event.ack(tenant.token("ops"), ackedId).status());
            assertType("alert", SafetyEvent.nextBesideRollCall(watcher));
            assertType("alert", SafetyEvent.nextBesideRollCall(watcher));
            assertType("alert_ack", SafetyEvent.nextBesideRollCall(watcher));

            JsonNode escalated = SafetyEvent.nextBesideRollCall(watcher); // SocketClient waits up to 15 s
            assertType("alert", escalated);
            assertEquals(alertId, escalated.get("data").get("alert_id").asText());
            assertTrue(escalated.get("data").get("escalated").asBoolean());
            long escalatedAt = escalated.get("data").get("escalated_at").asLong();
            assertTrue(escalatedAt - raisedAt >= SharedStack.ESCALATION_SECONDS * 1000L,
                    "escalated only after the delay: " + (escalatedAt - raisedAt) + " ms");

            // SQS delivers at least once: the same check again must change nothing
            String due = Json.write(Map.of("tenant", tenant.id(), "event", event.id(), "alert_id", alertId));
            stack.awsClients().sqs().sendMessage(b -> b.queueUrl(stack.queueUrl("SafetyEscalationQueue")).messageBody(due));
            Thread.sleep((SharedStack.ESCALATION_SECONDS + 3) * 1000L);
            assertNothingBefore(event, watcher);

            assertEquals(escalatedAt, alerts.find(tenant.id(), event.id(), alertId).orElseThrow().escalatedAt());
            assertEquals(null, alerts.find(tenant.id(), event.id(), ackedId).orElseThrow().escalatedAt());
            assertEquals(1, actions(tenant, event).stream().filter("alert_escalated"::equals).count());
        }
    }

    @Test
    void clearEndsEveryOpenAlertAndNothingEscalatesAfterIt() throws InterruptedException {
        Tenant tenant = Tenant.create("safety-clear");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        try (SocketClient watcher = event.watch("ops")) {
            event.raise(tenant.token("ops"), Map.of("level", "EVAC", "template", "fire"));
            var clear = event.raise(tenant.token("ops"), Map.of("level", "CLEAR", "template", "all_clear"));
            assertEquals(201, clear.status(), clear.body());
            assertFalse(clear.json().get("needs_ack").asBoolean());
            assertType("alert", SafetyEvent.nextBesideRollCall(watcher));
            JsonNode cleared = SafetyEvent.nextBesideRollCall(watcher);
            assertEquals("CLEAR", cleared.get("data").get("level").asText());
            assertEquals(1, cleared.get("data").get("cleared").size());
            assertEquals(0, event.get(tenant.token("viewer"), "/alerts").json().get("alerts").size());
            Thread.sleep((SharedStack.ESCALATION_SECONDS + 2) * 1000L);
            assertNothingBefore(event, watcher);
            assertTrue(actions(tenant, event).contains("evac_cleared"));
        }
    }

    private static List<String> actions(Tenant tenant, SafetyEvent event) {
        return audit.entries(tenant.id(), event.id()).stream().map(AuditLog.Entry::action).toList();
    }
}
