package io.seatpilot.local.it.safety;

import static io.seatpilot.local.it.safety.SafetyEvent.assertType;
import static io.seatpilot.local.it.safety.SafetyEvent.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.SocketClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exits over HTTP and through signed ingest: egress readiness, "exit" messages, BLOCKED during EVAC alerts. */
class ExitsTest {

    private static final Duration WORKER = Duration.ofSeconds(20);

    @Test
    void egressReadinessFollowsExitReportsAndABlockedExitDuringEvacIsAnAlert() {
        Tenant tenant = Tenant.create("safety-exits");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        String ops = tenant.token("ops");
        try (SocketClient watcher = event.watch("viewer")) {
            var before = event.exit(ops, "x1", "BLOCKED");
            assertEquals(200, before.status(), before.body());
            assertTrue(before.json().get("changed").asBoolean());
            assertEquals(0.5, before.json().get("egress").get("readiness").asDouble());
            assertFalse(before.json().has("alert"), "blocked outside an evacuation is no alert by itself");
            JsonNode exit = SafetyEvent.nextBesideRollCall(watcher);
            assertType("exit", exit);
            assertEquals("BLOCKED", exit.get("data").get("status").asText());
            assertEquals("OPEN", exit.get("data").get("previous").asText());
            assertEquals("x1", exit.get("data").get("id").asText(), "keyed as the dashboard keys exits");
            assertEquals(1, exit.get("data").get("egress").get("open").asInt());

            assertFalse(event.exit(ops, "x1", "BLOCKED").json().get("changed").asBoolean(), "the same status again changes nothing");

            String evacId = event.raise(ops, Map.of("level", "EVAC", "template", "evacuate")).json().get("alert_id").asText();
            assertType("alert", SafetyEvent.nextBesideRollCall(watcher));
            // acknowledged at once, so its escalation (3 s here) cannot slip in between the messages below
            assertEquals(200, event.ack(ops, evacId).status());
            assertType("alert_ack", SafetyEvent.nextBesideRollCall(watcher));
            var during = event.exit(ops, "x2", "BLOCKED");
            assertEquals(0.0, during.json().get("egress").get("readiness").asDouble());
            JsonNode raised = during.json().get("alert");
            assertEquals("ALERT", raised.get("level").asText());
            assertEquals("exit", raised.get("source").asText());
            assertEquals("high", raised.get("severity").asText());
            assertType("exit", SafetyEvent.nextBesideRollCall(watcher));
            JsonNode alert = SafetyEvent.nextBesideRollCall(watcher);
            assertType("alert", alert);
            assertEquals(raised.get("alert_id").asText(), alert.get("data").get("alert_id").asText());

            var open = event.get(ops, "/alerts").json().get("alerts");
            assertEquals(List.of(evacId, raised.get("alert_id").asText()), List.of(open.get(0).get("alert_id").asText(),
                    open.get(1).get("alert_id").asText()));
            assertEquals(404, event.exit(ops, "x9", "OPEN").status());
            assertEquals("invalid_enum", event.exit(ops, "x1", "AJAR").reason());
            assertEquals("forbidden", event.exit(tenant.token("viewer"), "x1", "OPEN").reason());
        }
    }

    @Test
    void signedExitReportsApplyInTimeOrderAndABlockedOneDuringEvacRaisesAnAlert() {
        Tenant tenant = Tenant.create("safety-exits-offline");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        Tenant.Key kiosk = tenant.kioskKey();
        long now = System.currentTimeMillis();
        var evac = event.raise(tenant.token("ops"), Map.of("level", "EVAC", "template", "evacuate"));
        assertEquals(201, evac.status());
        // acknowledged, so the only alert that can follow is the one the blocked exit raises
        assertEquals(200, event.ack(tenant.token("ops"), evac.json().get("alert_id").asText()).status());
        try (SocketClient watcher = event.watch("ops")) {
            // uploaded out of order: the newer CLOSED must win over the older BLOCKED that arrives after it
            upload(tenant, kiosk, report(tenant, event, "x1", "CLOSED", now - 1_000));
            upload(tenant, kiosk, report(tenant, event, "x1", "BLOCKED", now - 5_000));
            upload(tenant, kiosk, report(tenant, event, "x2", "BLOCKED", now));
            Eventually.until(WORKER, "x2 blocked", () -> status(event, "x2").equals("BLOCKED"));
            assertEquals("CLOSED", status(event, "x1"));
            JsonNode alert = SafetyEvent.next(watcher, "alert");
            assertEquals("exit", alert.get("data").get("source").asText());
            assertTrue(alert.get("data").get("message").asText().contains("x2"));
            assertEquals(2, event.get(tenant.token("ops"), "/alerts").json().get("alerts").size(), "the EVAC and x2's alert only");
        }
    }

    @Test
    void aReportStampedAheadNeitherFreezesAnExitNorOutranksALaterOpsReport() {
        Tenant tenant = Tenant.create("safety-exits-clock");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        Tenant.Key kiosk = tenant.kioskKey();
        var frozen = tenant.api().signed(kiosk.signer(), "POST", "/v1/events",
                report(tenant, event, "x1", "BLOCKED", 9_007_199_254_740_991L).toString());
        assertEquals(422, frozen.status(), frozen.body());
        assertEquals("validation_failed", frozen.reason());
        assertEquals("ts_ms", frozen.json().get("field").asText());
        // within the signature's skew, so accepted; but it is newer than a later report only by the kiosk's clock
        upload(tenant, kiosk, report(tenant, event, "x2", "BLOCKED", System.currentTimeMillis() + 240_000));
        Eventually.until(WORKER, "x2 blocked", () -> status(event, "x2").equals("BLOCKED"));
        var reopened = event.exit(tenant.token("ops"), "x2", "OPEN");
        assertEquals(200, reopened.status(), reopened.body());
        assertTrue(reopened.json().get("changed").asBoolean(), reopened.body());
        assertEquals("OPEN", status(event, "x2"));
    }

    @Test
    void aKiosksEmergencyToneRaisesOneAlertAndStartsTheEvacuationEvenWhenUploadedTwice() {
        Tenant tenant = Tenant.create("safety-tone");
        SafetyEvent event = SafetyEvent.create(tenant, 100);
        Tenant.Key kiosk = tenant.kioskKey();
        ObjectNode tone = Envelopes.envelope(tenant.id(), "safety.emergency_tone_alert",
                Map.of("event", event.id(), "level", "EVAC", "zone", "B"));
        ObjectNode ofKnownAlert = Envelopes.envelope(tenant.id(), "safety.emergency_tone_alert",
                Map.of("event", event.id(), "level", "ALERT", "alert_id", "0000000000001-x"));
        upload(tenant, kiosk, tone, ofKnownAlert);
        upload(tenant, kiosk, tone);
        JsonNode alerts = Eventually.await(WORKER, () -> event.get(tenant.token("ops"), "/alerts").json().get("alerts"),
                a -> a.size() > 0);
        assertEquals(1, alerts.size(), alerts::toString);
        JsonNode alert = alerts.get(0);
        assertEquals("EVAC", alert.get("level").asText());
        assertEquals("zb", alert.get("zone").asText());
        assertEquals("device", alert.get("source").asText());
        assertTrue(alert.get("raised_by").asText().startsWith("device:"));
        assertTrue(alert.get("alert_id").asText().endsWith(tone.get("event_id").asText()));
        JsonNode roll = event.get(tenant.token("ops"), "/muster").json();
        assertTrue(roll.get("active").asBoolean());
        assertEquals(alert.get("alert_id").asText(), roll.get("evacuation_id").asText());
    }

    private static String status(SafetyEvent event, String exitId) {
        for (JsonNode exit : event.get(event.tenant().token("viewer"), "/exits").json().get("exits")) {
            if (exit.get("exit_id").asText().equals(exitId)) {
                return exit.get("status").asText();
            }
        }
        throw new AssertionError("no exit " + exitId);
    }

    static ObjectNode report(Tenant tenant, SafetyEvent event, String exitId, String status, long at) {
        ObjectNode envelope = Envelopes.envelope(tenant.id(), "safety.exit_status_update",
                Map.of("event", event.id(), "exit_id", exitId, "status", status));
        envelope.put("ts_ms", at);
        return envelope;
    }

    static void upload(Tenant tenant, Tenant.Key kiosk, ObjectNode... envelopes) {
        var answer = tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(List.of(envelopes)));
        assertEquals(202, answer.status(), answer.body());
    }
}
