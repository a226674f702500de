package io.seatpilot.core.rsvp;

import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.Guest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An event's RSVP counts per stop (SPEC §16) as the KPI read and Ops Live's {@code rsvp} message both show them,
 * so the dashboard's tile reads the same figures from either: per stop in the event's order, invited, confirmed,
 * declined and awaiting, and the companions announced.
 */
public final class RsvpTally {

    private final EventSetupStore events;
    private final RsvpStore answers;

    public RsvpTally(EventSetupStore events, RsvpStore answers) {
        this.events = events;
        this.answers = answers;
    }

    /** The counts of the tenant's event, or empty when it has no such event. */
    public Optional<Map<String, Object>> of(String tenant, String eventId) {
        return events.event(tenant, eventId).map(event -> of(tenant, eventId, event));
    }

    /** The counts of an event already read. */
    public Map<String, Object> of(String tenant, String eventId, EventDefinition event) {
        return counts(event, answers.counts(tenant, eventId), events.guests(tenant, eventId));
    }

    /**
     * Invited (and so still awaiting an answer) counts the guests asked to each stop: the dashboard's RSVP tile
     * shows who has not answered yet, which the answers alone cannot tell.
     */
    static Map<String, Object> counts(EventDefinition event, RsvpStore.Counts counts, List<Guest> guests) {
        Map<String, Long> invited = guests.stream().flatMap(g -> event.stopsOf(g).stream())
                .collect(Collectors.groupingBy(EventDefinition.Stop::id, Collectors.counting()));
        List<Map<String, Object>> stops = event.effectiveStops().stream().map(stop -> {
            long confirmed = counts.confirmedByStop().getOrDefault(stop.id(), 0L);
            long declined = counts.declinedByStop().getOrDefault(stop.id(), 0L);
            long asked = invited.getOrDefault(stop.id(), 0L);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stop_id", stop.id());
            row.put("name", stop.name());
            row.put("invited", asked);
            row.put("confirmed", confirmed);
            row.put("declined", declined);
            // answers of guests since removed from the list must not make the figure negative
            row.put("awaiting", Math.max(0, asked - confirmed - declined));
            return row;
        }).toList();
        return Map.of("stops", stops, "companions", counts.companions());
    }
}
