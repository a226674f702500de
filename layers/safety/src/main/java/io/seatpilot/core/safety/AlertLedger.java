package io.seatpilot.core.safety;

import java.util.List;
import java.util.Optional;

/**
 * The event's alerts and its evacuation state. Acknowledgement, escalation and clearing each succeed once: when two
 * operators (or a redelivered escalation message) race, exactly one gets the alert back, the others get empty.
 */
public interface AlertLedger {

    /** @return false when an alert with this id was stored before (a device's alert uploaded again) */
    boolean create(String tenant, Alert alert);

    Optional<Alert> find(String tenant, String event, String alertId);

    /** Every alert of the event, oldest first. */
    List<Alert> all(String tenant, String event);

    /** Sets the acknowledgement once; empty when it was already set, the alert is cleared or needs none. */
    Optional<Alert> acknowledge(String tenant, String event, String alertId, String actor, long at);

    /**
     * Marks the alert escalated unless it was acknowledged, cleared or escalated before; an escalation whose push
     * was not confirmed ({@link #escalationPushed}) is handed out again, so a crash before the push never loses it.
     */
    Optional<Alert> escalate(String tenant, String event, String alertId, long at);

    /** The escalation's push went out: a redelivered message finds nothing left to do. */
    void escalationPushed(String tenant, String event, String alertId);

    /** Clears one open alert; empty when it was cleared already. */
    Optional<Alert> clear(String tenant, String event, String alertId, long at);

    /**
     * Starts an evacuation at {@code stop} (null: the event's first) unless one is active: a second EVAC during one,
     * at whatever stop, belongs to the same roll call.
     */
    Evacuation startEvacuation(String tenant, String event, String alertId, String stop, long at);

    /** Ends the active evacuation; empty when none was active. */
    Optional<Evacuation> endEvacuation(String tenant, String event, long at);

    /** The current or last evacuation. */
    Optional<Evacuation> evacuation(String tenant, String event);

    /**
     * An evacuation: the EVAC alert that started it, the stop it is at (null: the event's first; its roll call counts
     * that stop's check-ins), its start and (once over) its end.
     */
    record Evacuation(String id, String stop, long startedAt, Long clearedAt) {
        public boolean active() {
            return clearedAt == null;
        }

        public boolean covers(long at) {
            return at >= startedAt && (clearedAt == null || at <= clearedAt);
        }
    }
}
