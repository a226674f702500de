package io.seatpilot.core.safety;

import io.seatpilot.core.checkin.DoorCounters;
import java.util.List;

/** Who came through the doors, as the door recorded it: the counters and each guest checked in. */
public interface Attendance {

    /** The event's counters: checked in, out now, inside per zone. */
    DoorCounters counters(String tenant, String event);

    /** Every guest checked in (undone check-ins excluded), and whether they are checked out now. */
    List<CheckedIn> checkedIn(String tenant, String event);

    record CheckedIn(String guestId, boolean out) {
    }
}
