package io.seatpilot.core.safety;

import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import java.util.List;
import java.util.Optional;

/** What safety and the KPIs read of an event's set-up: its definition (zones, exits, muster points) and its guests. */
public interface EventDirectory {

    /** Empty when the tenant has no such event (another tenant's event included). */
    Optional<EventDefinition> event(String tenant, String event);

    Optional<Guest> guest(String tenant, String event, String guestId);

    List<Guest> guests(String tenant, String event);
}
