package io.seatpilot.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A household and its members' first names, which the door and the pass view show (never last names). */
public record Household(String id, String name, List<Member> members) {

    public Household {
        members = List.copyOf(members);
    }

    /** Declined members stay listed (the household is still theirs) but are neither expected nor missing. */
    public record Member(@JsonProperty("guest_id") String guestId, @JsonProperty("first_name") String firstName,
                         @JsonProperty("declined") boolean declined) {
    }

    public List<Member> expected() {
        return members.stream().filter(m -> !m.declined()).toList();
    }
}
