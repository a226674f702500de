package io.seatpilot.core.checkin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The door's answer to a household pass: a card per member checked in, who was in already, who is missing. */
public record HouseholdAnswer(@JsonProperty("checkin_id") String checkinId,
                              @JsonProperty("guests") List<DoorCard> guests,
                              @JsonProperty("already_checked_in") List<Held> alreadyCheckedIn,
                              @JsonProperty("household") DoorCard.HouseholdStatus household) {

    /** The same answer with every card's direction in {@code messages}' language. */
    public HouseholdAnswer in(io.seatpilot.core.i18n.Messages messages) {
        return new HouseholdAnswer(checkinId, guests.stream().map(card -> card.in(messages)).toList(), alreadyCheckedIn, household);
    }

    public record Held(@JsonProperty("guest_id") String guestId, @JsonProperty("first_name") String firstName,
                       @JsonProperty("first_checkin") FirstCheckin firstCheckin) {
    }
}
