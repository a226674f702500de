package io.seatpilot.core.safety;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.telemetry.ClientTimes;
import io.seatpilot.core.incident.Incidents;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.telemetry.IngestMessage;
import io.seatpilot.core.telemetry.IngestMessageProcessor;

/**
 * The offline path of safety: {@code safety.exit_status_update}, {@code safety.muster_checkin}, a kiosk's
 * {@code safety.emergency_tone_alert} and {@code safety.incident_opened/acknowledged/resolved} uploaded through ingest, applied by the worker with the same rules as the API,
 * at the fact's own time ({@code ts_ms}) but never later than ingest received it: ingest refuses times more than
 * five minutes ahead, and the rest are clamped, so a kiosk's clock never outranks a later report. Each is idempotent per fact — an exit report with the stored time changes
 * nothing, a guest musters once, a tone's alert id comes from its event id — so a redelivered message is harmless. A fact the rules refuse (unknown exit, no evacuation at that time) is counted
 * and quarantined with its reason, as retrying cannot change it; anything else fails the message so SQS delivers
 * it again — the one policy of every projection ({@link IngestMessageProcessor.Projection#refusal}).
 */
public final class SafetyProjection implements IngestMessageProcessor.Projection {

    private final Safety safety;
    private final Incidents incidents;
    private final Metrics metrics;

    public SafetyProjection(Safety safety, Incidents incidents, Metrics metrics) {
        this.safety = safety;
        this.incidents = incidents;
        this.metrics = metrics;
    }

    @Override
    public void apply(IngestMessage message, IngestMessage.Entry entry) {
        JsonNode envelope = entry.envelope();
        String name = envelope.get("event_name").asText();
        if (!name.startsWith("safety.")) {
            return;
        }
        JsonNode payload = envelope.get("payload");
        long ts = ClientTimes.received(envelope.get("ts_ms").asLong(), message.receivedAt());
        String actor = "device:" + message.deviceId();
        if (!canApply(name, payload)) {
            IngestMessageProcessor.Projection.countNotApplied(metrics, name);
            return;
        }
        try {
            switch (name) {
                case "safety.exit_status_update" -> safety.updateExit(message.tenantId(), payload.get("event").asText(),
                        payload.get("exit_id").asText(), ExitStatus.valueOf(payload.get("status").asText()), ts, actor);
                case "safety.muster_checkin" -> safety.muster(message.tenantId(), payload.get("event").asText(),
                        payload.get("muster_point_id").asText(), payload.get("guest_id").asText(), ts, actor);
                case "safety.emergency_tone_alert" -> {
                    if (payload.hasNonNull("alert_id")) {
                        return; // the tone of an alert that exists already: nothing new to raise
                    }
                    safety.raiseFromDevice(message.tenantId(), payload.get("event").asText(),
                            level(payload), payload.path("zone").asText(null),
                            envelope.get("event_id").asText(), ts, actor);
                }
                case "safety.incident_opened" -> incidents.open(message.tenantId(), payload.get("event").asText(),
                        incidentReport(payload, ts, actor, "category", "priority", "zone", "alert_id"));
                case "safety.incident_acknowledged" -> incidents.acknowledge(message.tenantId(), payload.get("event").asText(),
                        incidentReport(payload, ts, actor, "role_ack"));
                case "safety.incident_resolved" -> incidents.resolve(message.tenantId(), payload.get("event").asText(),
                        incidentReport(payload, ts, actor, "resolution_code"));
                default -> {
                    // other safety events are stored and counted; they change no state
                    return;
                }
            }
            metrics.count("SafetyFactsApplied", 1, "event_name", name);
        } catch (ApiException refused) {
            throw IngestMessageProcessor.Projection.refusal(refused, "Safety", envelope, metrics);
        }
    }

    /** What each state change needs (TELEMETRY-CATALOGUE.md); a safety event without a state change always passes. */
    private static boolean canApply(String name, JsonNode payload) {
        return switch (name) {
            case "safety.exit_status_update" -> IngestMessageProcessor.Projection.carries(payload, "event", "exit_id", "status");
            case "safety.emergency_tone_alert" -> payload.hasNonNull("event") && (payload.hasNonNull("alert_id") || level(payload) != null);
            case "safety.incident_opened", "safety.incident_acknowledged", "safety.incident_resolved" ->
                    IngestMessageProcessor.Projection.carries(payload, "event", "incident_id");
            default -> true;
        };
    }

    /** A step of an incident at the fact's time, with the payload's fields of that step (codes; absent ones left out). */
    private static Incidents.Report incidentReport(JsonNode payload, long ts, String actor, String... fields) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (String field : fields) {
            if (payload.hasNonNull(field)) {
                values.put(field, payload.get(field).asText());
            }
        }
        return new Incidents.Report(payload.get("incident_id").asText(), ts, actor, values);
    }


    /** The alert's level, or the dictionary's tone of the seeds (alert → ALERT, evacuation → EVAC); level wins. */
    private static AlertLevel level(JsonNode payload) {
        if (payload.hasNonNull("level")) {
            return AlertLevel.valueOf(payload.get("level").asText());
        }
        return switch (payload.path("tone").asText("")) {
            case "alert" -> AlertLevel.ALERT;
            case "evacuation" -> AlertLevel.EVAC;
            default -> null;
        };
    }
}
