package io.seatpilot.core.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.safety.InMemoryAuditTrail;
import io.seatpilot.core.safety.InMemoryEventDirectory;
import io.seatpilot.core.safety.SafetyFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The incident rules in memory: earliest report per step, the audit of what changed, and events of the tenant only. */
class IncidentsTest {

    private static final String TENANT = "acme";
    private static final String EVENT = "gala-1";

    private final InMemoryIncidentLedger ledger = new InMemoryIncidentLedger();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final Incidents incidents = new Incidents(ledger, audit,
            new InMemoryEventDirectory().event(TENANT, EVENT, SafetyFixture.DEFINITION));

    @Test
    void theStepsGiveTheTimesToAcknowledgeAndResolve() {
        incidents.open(TENANT, EVENT, report("inc-1", 1_000, "user:o1", "category", "medical", "zone", "za"));
        incidents.acknowledge(TENANT, EVENT, report("inc-1", 4_000, "user:o2", "role_ack", "ops"));
        Incidents.Outcome resolved = incidents.resolve(TENANT, EVENT, report("inc-1", 9_000, "user:o2", "resolution_code", "treated"));
        Incident incident = resolved.incident();
        assertTrue(resolved.recorded());
        assertEquals("resolved", incident.status());
        assertEquals(3_000L, incident.timeToAcknowledge());
        assertEquals(8_000L, incident.timeToResolve());
        assertEquals("medical", incident.category());
        assertEquals(List.of("incident_opened", "incident_acknowledged", "incident_resolved"), audit.actions(TENANT, EVENT));
        // the audit names the resolution as the entry's reason, as every other safety entry does
        assertEquals("treated", audit.entries(TENANT, EVENT).get(2).details().get("reason"));
    }

    @Test
    void anEarlierReportOfAStepWinsAndALaterOneChangesNothing() {
        incidents.open(TENANT, EVENT, report("inc-2", 5_000, "device:door-1"));
        Incidents.Outcome earlier = incidents.open(TENANT, EVENT, report("inc-2", 2_000, "device:door-2"));
        assertTrue(earlier.recorded());
        assertEquals(2_000L, earlier.incident().openedAt());
        assertEquals("device:door-2", earlier.incident().openedBy());

        Incidents.Outcome later = incidents.open(TENANT, EVENT, report("inc-2", 7_000, "device:door-3"));
        assertFalse(later.recorded());
        assertEquals(2_000L, later.incident().openedAt());
        assertEquals(2, audit.entries(TENANT, EVENT).size(), "a report that changed nothing was audited");
    }

    @Test
    void anAcknowledgementUploadedBeforeTheOpeningWaitsForItsDuration() {
        Incident acknowledged = incidents.acknowledge(TENANT, EVENT, report("inc-3", 3_000, "device:door-1")).incident();
        assertEquals("acknowledged", acknowledged.status());
        assertNull(acknowledged.timeToAcknowledge());
        Incident opened = incidents.open(TENANT, EVENT, report("inc-3", 1_000, "device:door-1")).incident();
        assertEquals(2_000L, opened.timeToAcknowledge());
    }

    @Test
    void anotherTenantsEventOrAMissingIncidentIsNotFoundAndNothingIsWritten() {
        assertNotFound(() -> incidents.open("other", EVENT, report("inc-4", 1_000, "user:o1")));
        assertNotFound(() -> incidents.incidents(TENANT, "gala-2"));
        assertNotFound(() -> incidents.require(TENANT, EVENT, "inc-none"));
        assertTrue(ledger.incidents("other", EVENT).isEmpty());
        assertTrue(audit.entries("other", EVENT).isEmpty());
    }

    @Test
    void theEventListsItsOwnIncidents() {
        incidents.open(TENANT, EVENT, report("inc-5", 1_000, "user:o1"));
        incidents.open(TENANT, EVENT, report("inc-6", 2_000, "user:o1"));
        assertEquals(List.of("inc-5", "inc-6"), incidents.incidents(TENANT, EVENT).stream().map(Incident::incidentId).toList());
        assertEquals("inc-6", incidents.require(TENANT, EVENT, "inc-6").incidentId());
    }

    /** A report at {@code at} by {@code actor}; {@code fields} are name, value pairs. */
    private static Incidents.Report report(String incidentId, long at, String actor, String... fields) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            values.put(fields[i], fields[i + 1]);
        }
        return new Incidents.Report(incidentId, at, actor, values);
    }

    private static void assertNotFound(org.junit.jupiter.api.function.Executable call) {
        assertEquals(Reason.NOT_FOUND.code(), assertThrows(ApiException.class, call).problem().reason());
    }
}
