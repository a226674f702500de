package io.seatpilot.eventsetup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.seatpilot.core.event.Guest;
import java.util.List;

/** A guest as admins and planners read it back: the import's fields, personal ones opened (SPEC §6, §16). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GuestView(@JsonProperty("id") String id, @JsonProperty("first_name") String firstName,
                 @JsonProperty("last_name") String lastName, @JsonProperty("household_id") String householdId,
                 @JsonProperty("tags") List<String> tags, @JsonProperty("rsvp") String rsvp,
                 @JsonProperty("email") String email, @JsonProperty("phone") String phone,
                 @JsonProperty("locale") String locale, @JsonProperty("max_companions") int maxCompanions,
                 @JsonProperty("dietary") String dietary, @JsonProperty("notes") String notes,
                 @JsonProperty("table_id") String tableId, @JsonProperty("seat") String seat) {

    static GuestView of(Guest guest) {
        return new GuestView(guest.id(), guest.firstName(), guest.lastName(), guest.householdId(),
                guest.tags().stream().sorted().toList(), guest.rsvp().wire(), guest.contact().email(),
                guest.contact().phone(), guest.contact().locale(), guest.contact().maxCompanions(), guest.dietary(),
                guest.notes(), guest.tableId(), guest.seat());
    }
}
