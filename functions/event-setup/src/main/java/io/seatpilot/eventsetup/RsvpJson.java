package io.seatpilot.eventsetup;

import io.seatpilot.core.rsvp.Rsvps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer to an RSVP: the party's stored answers per guest and stop (SPEC §16). */
final class RsvpJson {

    private RsvpJson() {
    }

    static Map<String, Object> of(Rsvps.View view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_id", view.party().event());
        body.put("open", view.open());
        body.put("rsvp_deadline", view.party().definition().rsvpDeadline());
        body.put("companions", view.companions());
        body.put("max_companions", view.maxCompanions());
        body.put("guests", view.guests().stream().map(g -> {
            Map<String, Object> guest = new LinkedHashMap<>();
            guest.put("guest_id", g.guestId());
            guest.put("first_name", g.firstName());
            guest.put("dietary", g.dietary());
            guest.put("responses", g.stops().stream().map(s -> {
                Map<String, Object> stop = new LinkedHashMap<>();
                stop.put("stop_id", s.stopId());
                stop.put("name", s.name());
                stop.put("status", s.status());
                return stop;
            }).toList());
            return guest;
        }).toList());
        body.put("dietary_choices", List.copyOf(Rsvps.DIETARY_CHOICES));
        return body;
    }
}
