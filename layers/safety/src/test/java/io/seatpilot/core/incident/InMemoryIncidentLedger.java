package io.seatpilot.core.incident;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Incident records as the DynamoDB store keeps them: one field map per incident, each step's earliest report kept. */
final class InMemoryIncidentLedger implements IncidentLedger {

    private final Map<String, Map<String, String>> records = new LinkedHashMap<>();

    @Override
    public boolean record(String tenant, String event, String incidentId, Step step, long at, String actor,
                          Map<String, String> fields) {
        Map<String, String> record = records.computeIfAbsent(tenant + "|" + event + "|" + incidentId, k -> new HashMap<>());
        String recorded = record.get(step.at());
        if (recorded != null && Long.parseLong(recorded) <= at) {
            return false;
        }
        record.put(step.at(), Long.toString(at));
        record.put(step.by(), actor);
        fields.forEach((name, value) -> {
            if (value != null) {
                record.put(name, value);
            }
        });
        return true;
    }

    @Override
    public Optional<Incident> incident(String tenant, String event, String incidentId) {
        return Optional.ofNullable(records.get(tenant + "|" + event + "|" + incidentId)).map(r -> incident(incidentId, r));
    }

    @Override
    public List<Incident> incidents(String tenant, String event) {
        String prefix = tenant + "|" + event + "|";
        return records.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(e -> incident(e.getKey().substring(prefix.length()), e.getValue())).toList();
    }

    private static Incident incident(String id, Map<String, String> r) {
        return new Incident(id, time(r, "opened_at"), time(r, "acknowledged_at"), time(r, "resolved_at"), r.get("category"),
                r.get("priority"), r.get("zone"), r.get("alert_id"), r.get("opened_by"), r.get("acknowledged_by"),
                r.get("role_ack"), r.get("resolved_by"), r.get("resolution_code"));
    }

    private static Long time(Map<String, String> record, String name) {
        return record.containsKey(name) ? Long.parseLong(record.get(name)) : null;
    }
}
