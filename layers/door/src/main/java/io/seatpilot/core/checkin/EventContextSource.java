package io.seatpilot.core.checkin;

import java.util.Optional;

/** Where the door finds an event's context: zones, tables and the published plan. */
public interface EventContextSource {

    /** The event's context, or empty for an event that does not exist (or is another tenant's). */
    Optional<EventContext> context(String tenant, String eventId);
}
