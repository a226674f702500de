package io.seatpilot.core.personal;

import java.util.Optional;

/**
 * Where a guest's own check-in is kept (the door slice's store), for the export of everything held about them.
 * An interface here so that personal-data requests do not depend on the door.
 */
@FunctionalInterface
public interface GuestCheckins {

    /** The check-in that counts for this guest, if they were checked in. */
    Optional<Checkin> checkinOf(String tenant, String event, String guestId);

    record Checkin(String checkinId, long checkedInAt, String deviceId, String mode) {
    }
}
