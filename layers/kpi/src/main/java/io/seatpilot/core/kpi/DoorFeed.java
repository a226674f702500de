package io.seatpilot.core.kpi;

import java.util.List;
import java.util.Map;

/**
 * The door's check-ins and conflicts of an event, each as the data of the live message that announced it
 * ({@code checkin}, {@code conflict}), so a snapshot shows them exactly as the page's feed had them.
 */
public interface DoorFeed {

    /** One per guest checked in (the latest state), each with its {@code checked_in_at}. */
    List<Map<String, Object>> checkins(String tenant, String event);

    /** Duplicate and superseded scans. */
    List<Map<String, Object>> conflicts(String tenant, String event);
}
