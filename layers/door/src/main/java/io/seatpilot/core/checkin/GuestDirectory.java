package io.seatpilot.core.checkin;

import io.seatpilot.core.event.GuestBatch;
import io.seatpilot.core.event.NameHit;
import io.seatpilot.core.event.Household;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The guest list as the door reads it: the guests a scan names with their households, names by prefix, and the
 * stops guests answered the RSVP "no" for.
 */
public interface GuestDirectory {

    /** These guests and households of the event, read together; the ones that do not exist are absent. */
    GuestBatch party(String tenant, String event, Collection<String> guestIds, Collection<String> householdIds);

    Optional<Household> household(String tenant, String event, String householdId);

    /** Each of these guests with the stops they answered the RSVP "no" for (SPEC §16); guests without one are absent. */
    Map<String, Set<String>> declinedStops(String tenant, String event, Collection<String> guestIds);

    /** Up to {@code limit} guests whose folded name (any word order) starts with {@code foldedPrefix}. */
    List<NameHit> searchNames(String tenant, String event, String foldedPrefix, int limit);
}
