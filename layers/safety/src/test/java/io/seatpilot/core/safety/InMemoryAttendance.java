package io.seatpilot.core.safety;

import io.seatpilot.core.checkin.DoorCounters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who came in, per event: guests checked in (and out), and the zone headcounts the door's counters would hold. */
public final class InMemoryAttendance implements Attendance {

    private final Map<String, Map<String, Boolean>> outByGuest = new HashMap<>();
    private final Map<String, Map<String, Long>> zones = new HashMap<>();

    public InMemoryAttendance checkIn(String tenant, String event, String guestId) {
        outByGuest.computeIfAbsent(tenant + "|" + event, k -> new LinkedHashMap<>()).put(guestId, false);
        return this;
    }

    public InMemoryAttendance checkOut(String tenant, String event, String guestId) {
        outByGuest.get(tenant + "|" + event).put(guestId, true);
        return this;
    }

    /** Sets a zone's headcount as the counters' shards would sum it. */
    public InMemoryAttendance headcount(String tenant, String event, String zone, long inside) {
        zones.computeIfAbsent(tenant + "|" + event, k -> new HashMap<>()).put(zone, inside);
        return this;
    }

    @Override
    public DoorCounters counters(String tenant, String event) {
        Map<String, Boolean> guests = outByGuest.getOrDefault(tenant + "|" + event, Map.of());
        long out = guests.values().stream().filter(Boolean::booleanValue).count();
        return new DoorCounters(guests.size(), out, 0, Map.copyOf(zones.getOrDefault(tenant + "|" + event, Map.of())));
    }

    @Override
    public List<CheckedIn> checkedIn(String tenant, String event) {
        return outByGuest.getOrDefault(tenant + "|" + event, Map.of()).entrySet().stream()
                .map(e -> new CheckedIn(e.getKey(), e.getValue())).toList();
    }
}
