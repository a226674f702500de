package io.seatpilot.core.checkin;

import java.util.Map;

/**
 * The event's door counters, as safety and the KPIs read them: {@code checkedIn}, guests checked in (each once,
 * whether in or out now); {@code checkedOut}, of those, the ones out now; {@code arrived}, arrivals recorded;
 * {@code zones}, guests inside now per zone.
 */
public record DoorCounters(long checkedIn, long checkedOut, long arrived, Map<String, Long> zones) {

    public long inside() {
        return checkedIn - checkedOut;
    }
}
