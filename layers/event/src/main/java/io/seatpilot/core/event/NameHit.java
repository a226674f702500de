package io.seatpilot.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A name-index hit: what a door lookup shows to pick the right guest. */
public record NameHit(@JsonProperty("guest_id") String guestId,
                      @JsonProperty("first_name") String firstName,
                      @JsonProperty("last_initial") String lastInitial,
                      @JsonProperty("household_id") String householdId) {
}
