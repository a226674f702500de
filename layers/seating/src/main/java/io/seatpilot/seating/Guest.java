package io.seatpilot.seating;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/** A guest of the problem file: {@code tags} may hold vip, pmr (reduced mobility), child. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Guest(String id, @JsonProperty("household_id") String householdId, Set<String> tags) {

    public Guest {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }

    public boolean vip() {
        return tags.contains("vip");
    }

    public boolean pmr() {
        return tags.contains("pmr");
    }

    /** A guest without a household sits as a household of one. */
    public String householdKey() {
        return householdId == null ? "guest:" + id : householdId;
    }
}
