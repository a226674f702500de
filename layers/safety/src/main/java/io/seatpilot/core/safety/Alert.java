package io.seatpilot.core.safety;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored alert. {@code severity} is "high" only for the 100 % capacity alert; {@code source} says what raised
 * it (a person or device, "capacity", "exit"). {@code stop} is the stop of the event it is for when that is not the
 * first (SPEC §16; null for the first, as Ops Live facts name only a later stop). Acknowledgement and escalation
 * are set once each, never undone.
 */
public record Alert(String alertId, String event, AlertLevel level, String zone, String stop, String message,
                    String template, String severity, String source, String raisedBy, long raisedAt, String ackedBy,
                    Long ackedAt, Long escalatedAt, Long clearedAt) {

    public boolean acknowledged() {
        return ackedAt != null;
    }

    public boolean escalated() {
        return escalatedAt != null;
    }

    public boolean open() {
        return clearedAt == null;
    }

    /**
     * The wire form of answers and of the {@code alert} / {@code alert_ack} messages (ids and times only); an alert
     * raised from a template also carries its text per language ({@code messages}), so each screen reads its own.
     */
    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert_id", alertId);
        data.put("event", event);
        data.put("level", level.name());
        data.put("severity", severity);
        data.put("zone", zone);
        data.put("stop", stop);
        data.put("message", message);
        data.put("template", template);
        if (template != null && AlertRequest.TEMPLATES.containsKey(template)) {
            data.put("messages", AlertRequest.translations(template));
        }
        data.put("source", source);
        data.put("raised_by", raisedBy);
        data.put("raised_at", raisedAt);
        data.put("needs_ack", level.needsAcknowledgement() && !acknowledged() && open());
        data.put("acked_by", ackedBy);
        data.put("acked_at", ackedAt);
        data.put("escalated", escalated());
        data.put("escalated_at", escalatedAt);
        data.put("cleared_at", clearedAt);
        data.values().removeIf(java.util.Objects::isNull);
        return data;
    }
}
