package io.seatpilot.core.safety;

import io.seatpilot.core.checkin.EventContext;

/** Where the seating plan puts guests (table, zone), as the door knows it. */
public interface Placements {

    /** The plan as the door uses it (it may be a few seconds old); {@code 404 not_found} for no such event. */
    EventContext current(String tenant, String event);

    /** The plan read now: for the roll call, where an old table would send a steward to the wrong place. */
    EventContext fresh(String tenant, String event);
}
