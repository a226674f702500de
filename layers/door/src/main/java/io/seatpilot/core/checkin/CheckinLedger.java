package io.seatpilot.core.checkin;

import io.seatpilot.core.audit.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the door's rules need of check-in state: one state per guest, changed only by writes conditional on the
 * state the rules saw. A lost race is an answer ({@link Move#STATE_CHANGED}, {@code false}, {@link Claims#held()}),
 * never an exception, so the rules decide again; the counters move in the same write as the state they count.
 * Online actions hand their raw event and audit entry along, to be written with the change or not at all.
 */
public interface CheckinLedger {

    /**
     * How a claim ended: the scans that now count, the guests already holding a check-in (possibly this very
     * one), and whether this check-in id was used before for guests who are free again (a retry after an undo).
     */
    record Claims(List<Scan> claimed, Map<String, Scan> held, boolean knownCheckinId) {
    }

    enum Release { RELEASED, NOT_HELD, ALREADY_RECORDED }

    enum Move { MOVED, STATE_CHANGED }

    /** A guest's first confirmed arrival at a table; later confirmations keep the first. */
    record Arrival(String guestId, String tableId, long arrivedAt, String confirmMode, String deviceId,
                   Long doorToSeatMillis) {
    }

    sealed interface ArrivalClaim {
        record Recorded() implements ArrivalClaim {
        }

        record Earlier(Arrival first) implements ArrivalClaim {
        }
    }

    /**
     * Claims the guests of one scan at once: each guest's state only if they have none, with the counters, the
     * raw event built by {@code rawEvent} for the guests finally claimed (null: already stored by ingest) and
     * their audit entry ({@code audit}, null: none). A guest who is held is set aside and the rest is tried again,
     * so a household whose members arrive separately still checks in the ones who are new.
     */
    Claims claim(String tenant, String event, List<Scan> scans, Function<List<Scan>, OnlineFact> rawEvent,
                 Function<List<Scan>, AuditLog.Entry> audit);

    /**
     * Makes {@code earlier} the guest's check-in in place of {@code later}, only if {@code later} still holds it;
     * {@code later} is kept as a conflict. Counters stay: the guest was already counted once.
     */
    boolean supersede(String tenant, String event, Scan earlier, Scan later, long now);

    /** Keeps a scan that lost to an earlier one, with its device and time, for Ops Live (idempotent per check-in id). */
    void recordDuplicate(String tenant, String event, Scan loser, Scan winner, long now);

    /**
     * Undoes {@code current} if its guests still hold it: states removed, counters back (a guest who is out is
     * no longer in a zone's count, only in the checked-out one), raw undo event (null: none) and its audit entry.
     */
    Release release(String tenant, String event, List<Scan> current, OnlineFact rawEvent, AuditLog.Entry audit);

    /**
     * Marks the guest out if {@code held} is still their state, inside, and not already out: the state keeps the
     * check-in (the guest stays checked in once) and gains the exit; the guest leaves their zone's count.
     */
    Move checkOut(String tenant, String event, Scan held, Scan.Exit exit, AuditLog.Entry audit);

    /**
     * Lets a guest who is out back in ({@code entry}'s id and zone, the guest's zone now): only if {@code held} is
     * still their state and still out by the same check-out.
     */
    Move reenter(String tenant, String event, Scan held, Scan entry, AuditLog.Entry audit);

    /**
     * Offline only: a later entry scan of a guest who is inside becomes their latest entry (no count moves), so a
     * check-out scanned before it but uploaded after it cannot put them out.
     */
    Move markEntry(String tenant, String event, Scan held, Scan entry);

    /**
     * Offline only: a later check-out of a guest who is out already becomes the exit that holds (no count moves),
     * so an entry scanned before it but uploaded after it cannot let them back in.
     */
    Move moveExit(String tenant, String event, Scan held, Scan.Exit exit, AuditLog.Entry audit);

    /** Records a guest's first arrival, or answers the one recorded before (raw event null: stored by ingest). */
    ArrivalClaim arrive(String tenant, String event, Arrival arrival, OnlineFact rawEvent);

    /** The guest's state as of now (a read that sees every completed write). */
    Optional<Scan> state(String tenant, String event, String guestId);

    /** States of several guests in one read (a household's members); guests without one are absent. */
    Map<String, Scan> states(String tenant, String event, List<String> guestIds);
}
