package io.seatpilot.core.event;

import java.util.Locale;
import java.util.Set;

/**
 * A guest as imported (SPEC §6). {@code tableId}/{@code seat} are optional: planners who seat in a spreadsheet
 * bring them along; a plan published by the seating engine takes precedence over them.
 */
public record Guest(String id, String firstName, String lastName, String householdId, Set<String> tags, Rsvp rsvp,
                    String dietary, String notes, String tableId, String seat) {

    public enum Rsvp {
        PENDING, CONFIRMED, DECLINED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Guest {
        tags = Set.copyOf(tags);
    }

    public boolean isVip() {
        return tags.contains("vip");
    }

    /** pmr: reduced mobility, routed step-free. */
    public boolean needsAccessibleRoute() {
        return tags.contains("pmr");
    }

    public String lastInitial() {
        return lastName == null || lastName.isBlank() ? "" : lastName.substring(0, lastName.offsetByCodePoints(0, 1)) + ".";
    }
}
