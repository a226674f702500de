package io.seatpilot.core.incident;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Incidents (issue 14 item 5): opened, acknowledged and resolved by ops through the API or by devices through
 * {@code safety.incident_*} telemetry, into one record per incident whose times give time to acknowledge and time
 * to resolve. The API acts at the server's time; telemetry at the fact's own time (clamped by the caller to when
 * ingest received it). Every step that changes the record is on the event's audit.
 */
public final class Incidents {

    /** Ids and codes as the telemetry dictionary has them: no spaces, no free text. */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    private final IncidentStore store;
    private final AuditLog audit;

    public Incidents(IncidentStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /** What a step carries besides its time and actor (null fields are left out). */
    public record Report(String incidentId, long at, String actor, Map<String, String> fields) {
    }

    public Incident open(String tenant, String event, Report report) {
        return apply(tenant, event, IncidentStore.Step.OPENED, report);
    }

    public Incident acknowledge(String tenant, String event, Report report) {
        return apply(tenant, event, IncidentStore.Step.ACKNOWLEDGED, report);
    }

    public Incident resolve(String tenant, String event, Report report) {
        return apply(tenant, event, IncidentStore.Step.RESOLVED, report);
    }

    /** The API's acknowledgement or resolution: only of an incident that exists. */
    public Incident require(String tenant, String event, String incidentId) {
        return store.incident(tenant, event, incidentId).orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such incident"));
    }

    public List<Incident> incidents(String tenant, String event) {
        return store.incidents(tenant, event);
    }

    private Incident apply(String tenant, String event, IncidentStore.Step step, Report report) {
        if (store.record(tenant, event, report.incidentId(), step, report.at(), report.actor(), report.fields())) {
            Map<String, String> details = new HashMap<>();
            report.fields().forEach((name, value) -> {
                if (value != null) {
                    details.put(name, value);
                }
            });
            if (details.containsKey("resolution_code")) {
                details.put("reason", details.get("resolution_code"));
            }
            String action = "incident_" + step.name().toLowerCase(java.util.Locale.ROOT);
            audit.append(tenant, new AuditLog.Entry(action + "-" + report.incidentId() + "-" + report.at(), event, action,
                    report.actor(), report.incidentId(), report.at(), details));
        }
        return store.incident(tenant, event, report.incidentId()).orElseThrow();
    }
}
