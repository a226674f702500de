package io.seatpilot.core.checkin;

import io.seatpilot.core.rsvp.RsvpStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stops guests answered the RSVP "no" for (SPEC §16), read from their answers: the door refuses a guest at such
 * a stop as it refuses one who declined the whole invitation, online, offline and in the door list alike. Only an
 * event of several stops needs them: with one stop a "no" is the guest's own decline.
 */
public final class DeclinedStops {

    private DeclinedStops() {
    }

    /** Each of these guests with the stops they said no to; guests without one are absent. */
    public static Map<String, Set<String>> of(RsvpStore answers, String tenant, String event, Collection<String> guestIds) {
        Map<String, Set<String>> declined = new HashMap<>();
        if (guestIds.isEmpty()) {
            return declined;
        }
        answers.answers(tenant, event, guestIds).forEach((guestId, a) -> {
            Set<String> no = a.byStop().entrySet().stream().filter(e -> "no".equals(e.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
            if (!no.isEmpty()) {
                declined.put(guestId, no);
            }
        });
        return declined;
    }
}
