package io.seatpilot.core.incident;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.incident.IncidentLedger.Step;
import io.seatpilot.core.safety.AuditTrail;
import io.seatpilot.core.safety.EventDirectory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Incidents (issue 14 item 5): opened, acknowledged and resolved by ops through the API or by devices through
 * {@code safety.incident_*} telemetry, into one record per incident whose times give time to acknowledge and time
 * to resolve. The API acts at the server's time; telemetry at the fact's own time (clamped by the caller to when
 * ingest received it). Every step that changes the record is on the event's audit. The rules see their records,
 * the audit and the event's set-up through the small interfaces {@link IncidentLedger}, {@link AuditTrail} and
 * {@link EventDirectory}, so {@code IncidentsTest} runs them in memory.
 */
public final class Incidents {

    private final IncidentLedger store;
    private final AuditTrail audit;
    private final EventDirectory events;

    public Incidents(IncidentLedger store, AuditTrail audit, EventDirectory events) {
        this.store = store;
        this.audit = audit;
        this.events = events;
    }

    /** What a step carries besides its time and actor (null fields are left out). */
    public record Report(String incidentId, long at, String actor, Map<String, String> fields) {
    }

    /** The incident after a report, and whether the report is now its step's (false: an earlier one is on record). */
    public record Outcome(Incident incident, boolean recorded) {
    }

    public Outcome open(String tenant, String event, Report report) {
        return apply(tenant, event, Step.OPENED, report);
    }

    public Outcome acknowledge(String tenant, String event, Report report) {
        return apply(tenant, event, Step.ACKNOWLEDGED, report);
    }

    public Outcome resolve(String tenant, String event, Report report) {
        return apply(tenant, event, Step.RESOLVED, report);
    }

    /** The API's acknowledgement or resolution: only of an incident that exists. */
    public Incident require(String tenant, String event, String incidentId) {
        requireEvent(tenant, event);
        return store.incident(tenant, event, incidentId).orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such incident"));
    }

    public List<Incident> incidents(String tenant, String event) {
        requireEvent(tenant, event);
        return store.incidents(tenant, event);
    }

    /** SPEC §3: an event of another tenant, or none, is not found — nothing is read or written for it. */
    private void requireEvent(String tenant, String event) {
        if (events.event(tenant, event).isEmpty()) {
            throw new ApiException(Reason.NOT_FOUND, "No such event");
        }
    }

    private Outcome apply(String tenant, String event, Step step, Report report) {
        requireEvent(tenant, event);
        boolean recorded = store.record(tenant, event, report.incidentId(), step, report.at(), report.actor(), report.fields());
        if (recorded) {
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
        return new Outcome(store.incident(tenant, event, report.incidentId()).orElseThrow(), recorded);
    }
}
