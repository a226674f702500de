package io.seatpilot.core.personal;

import io.seatpilot.core.event.EventDefinition;
import java.util.List;

/**
 * Where a guest's own check-ins are kept (the door slice's store), for the export of everything held about them.
 * An interface here so that personal-data requests do not depend on the door.
 */
@FunctionalInterface
public interface GuestCheckins {

    /** The check-in that counts for this guest at each stop of the event where they were checked in, in stop order. */
    List<Checkin> checkinsOf(String tenant, String event, EventDefinition definition, String guestId);

    record Checkin(String stopId, String checkinId, long checkedInAt, String deviceId, String mode) {
    }
}
