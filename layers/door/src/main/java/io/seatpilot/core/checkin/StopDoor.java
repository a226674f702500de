package io.seatpilot.core.checkin;

import io.seatpilot.core.event.EventDefinition;

/**
 * The door of one stop of an event (SPEC §16): a guest is checked in once per stop, so each stop keeps its own
 * check-in states, conflicts and counters under its {@link #ledger()} key. The first stop keeps the event's own
 * keys, so an event of one stop reads and writes exactly what it did before events had stops, and every reader
 * of "the event's check-ins" (door list, Ops Live, safety) reads the first stop's unless it names another.
 */
public record StopDoor(String eventId, EventDefinition.Stop stop, String ledger) {

    /** The door of {@code stop} of {@code definition} (a stop the event has). */
    public static StopDoor of(String eventId, EventDefinition definition, EventDefinition.Stop stop) {
        boolean first = definition.effectiveStops().getFirst().id().equals(stop.id());
        // stop ids are item ids (no '#'): no stop's key can meet another's or another kind of partition
        return new StopDoor(eventId, stop, first ? eventId : laterStopLedger(eventId, stop.id()));
    }

    /** The ledger key of a stop that is not the event's first (the first keeps the event's own). */
    public static String laterStopLedger(String eventId, String stopId) {
        return eventId + "#STOP#" + stopId;
    }

    /** The stop named, or the event's first when none is; empty when the event has no such stop. */
    public static java.util.Optional<StopDoor> named(String eventId, EventDefinition definition, String stopId) {
        return (stopId == null ? java.util.Optional.of(definition.effectiveStops().getFirst()) : definition.stop(stopId))
                .map(stop -> of(eventId, definition, stop));
    }

    /** Whether the seating plan holds at this stop (else guests sit anywhere and the card shows no table). */
    public boolean seated() {
        return stop.hasSeating();
    }
}
