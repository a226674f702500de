package io.seatpilot.core.incident;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One incident (SPEC §9, issue 14): when it was opened, first acknowledged and resolved — each the earliest report
 * of that step, so facts uploaded late or twice cannot move a time — and by whom. A step can be known before the
 * one it follows (an acknowledgement uploaded before the opening); its durations exist once both ends do.
 */
public record Incident(String incidentId, Long openedAt, Long acknowledgedAt, Long resolvedAt, String category,
                       String priority, String zone, String alertId, String openedBy, String acknowledgedBy,
                       String roleAck, String resolvedBy, String resolutionCode) {

    /** Time to acknowledge, ms (null until both ends are known; never negative). */
    public Long timeToAcknowledge() {
        return between(openedAt, acknowledgedAt);
    }

    /** Time to resolve, ms, from the opening. */
    public Long timeToResolve() {
        return between(openedAt, resolvedAt);
    }

    public String status() {
        return resolvedAt != null ? "resolved" : acknowledgedAt != null ? "acknowledged" : "open";
    }

    private static Long between(Long from, Long to) {
        return from == null || to == null ? null : Math.max(0, to - from);
    }

    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("incident_id", incidentId);
        data.put("status", status());
        data.put("category", category);
        data.put("priority", priority);
        data.put("zone", zone);
        data.put("alert_id", alertId);
        data.put("opened_at", openedAt);
        data.put("acknowledged_at", acknowledgedAt);
        data.put("resolved_at", resolvedAt);
        data.put("time_to_acknowledge_ms", timeToAcknowledge());
        data.put("time_to_resolve_ms", timeToResolve());
        data.put("opened_by", openedBy);
        data.put("acknowledged_by", acknowledgedBy);
        data.put("role_ack", roleAck);
        data.put("resolved_by", resolvedBy);
        data.put("resolution_code", resolutionCode);
        data.values().removeIf(Objects::isNull);
        return data;
    }
}
