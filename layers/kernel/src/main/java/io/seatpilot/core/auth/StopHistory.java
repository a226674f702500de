package io.seatpilot.core.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a kiosk was set, change by change (SPEC §16): each {@link Change} holds from its {@code since} (server time)
 * until the next one. A kiosk that scanned offline at one stop and was moved before it reconnected uploads facts
 * that belong to the stop it stood at when it scanned; this is what tells which. Only the last {@link #MAX_CHANGES}
 * are kept: a scan older than the oldest kept change is taken to be at that change's stop, the earliest known.
 */
public record StopHistory(List<Change> changes) {

    /** Enough for a day of moves (a kiosk follows the ceremony, the reception, back…) and small in a key item. */
    public static final int MAX_CHANGES = 20;

    /** From {@code since} on, the kiosk was set to {@code stopId} (null: none, each event's first stop). */
    public record Change(String stopId, long since) {
    }

    public StopHistory {
        changes = List.copyOf(changes);
    }

    /** A history that starts with the kiosk set to {@code stopId} at {@code since}. */
    public static StopHistory startingAt(String stopId, long since) {
        return new StopHistory(List.of(new Change(stopId, since)));
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * This history with the kiosk set to {@code stopId} at {@code since}, the oldest changes dropped past
     * {@link #MAX_CHANGES}. Setting the stop it already has changes nothing; a time before the last change (another
     * instance's clock a little behind) is taken as that change's, so the changes stay in order.
     */
    public StopHistory then(String stopId, long since) {
        if (changes.isEmpty()) {
            return startingAt(stopId, since);
        }
        Change last = changes.getLast();
        if (java.util.Objects.equals(last.stopId(), stopId)) {
            return this;
        }
        List<Change> next = new ArrayList<>(changes);
        next.add(new Change(stopId, Math.max(since, last.since())));
        return new StopHistory(next.subList(Math.max(0, next.size() - MAX_CHANGES), next.size()));
    }

    /**
     * The stop the kiosk was set to at {@code time}: that of the latest change at or before it (a scan at the very
     * millisecond of a change is at the new stop), or the oldest known for a time before every change. An empty
     * history answers null.
     */
    public String stopAt(long time) {
        if (changes.isEmpty()) {
            return null;
        }
        Change found = changes.getFirst();
        for (Change change : changes) {
            if (change.since() > time) {
                break;
            }
            found = change;
        }
        return found.stopId();
    }
}
