package io.seatpilot.core.incident;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event's incident records, one per incident. Each step keeps its earliest report, so steps may arrive in any
 * order and any number of times: a later or repeated report of a step changes nothing.
 */
public interface IncidentLedger {

    /**
     * Records {@code step} at {@code at} by {@code actor} with its {@code fields} (null values left out) unless an
     * earlier report of the step is on record. @return true when this report is now the step's
     */
    boolean record(String tenant, String event, String incidentId, Step step, long at, String actor,
                   Map<String, String> fields);

    Optional<Incident> incident(String tenant, String event, String incidentId);

    /** The event's incidents (an event has tens, not thousands). */
    List<Incident> incidents(String tenant, String event);

    /** One step of an incident, with the names of the incident's fields that hold its time and its actor. */
    enum Step {
        OPENED("opened_at", "opened_by"), ACKNOWLEDGED("acknowledged_at", "acknowledged_by"), RESOLVED("resolved_at", "resolved_by");

        private final String at;
        private final String by;

        Step(String at, String by) {
            this.at = at;
            this.by = by;
        }

        public String at() {
            return at;
        }

        public String by() {
            return by;
        }
    }
}
