package io.seatpilot.seating;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Set;

/** A table of the problem file: {@code tags} may hold head, near_stage, accessible, near_exit, kids. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Table(String id, int capacity, String zone, Set<String> tags) {

    public Table {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }

    public boolean accessible() {
        return tags.contains("accessible");
    }

    /** Where a VIP earns the VIP bonus of the canonical score. */
    public boolean showcase() {
        return tags.contains("head") || tags.contains("near_stage");
    }
}
