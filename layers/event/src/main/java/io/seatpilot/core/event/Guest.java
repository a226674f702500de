package io.seatpilot.core.event;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A guest as imported (SPEC §6). {@code tableId}/{@code seat} are optional: planners who seat in a spreadsheet
 * bring them along; a plan published by the seating engine takes precedence over them. {@code dietary},
 * {@code notes} and the contact's e-mail and phone are personal data (SPEC §16): sealed at rest, and read at the
 * door only as {@link #WITHHELD} (the door needs to know that there are notes, never what they say).
 */
public record Guest(String id, String firstName, String lastName, String householdId, Set<String> tags, Rsvp rsvp,
                    String dietary, String notes, String tableId, String seat, Invitation invitation) {

    /** A sealed personal field read without opening it: present, content withheld. */
    public static final String WITHHELD = "(withheld)";

    public enum Rsvp {
        PENDING, CONFIRMED, DECLINED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How the guest is invited (SPEC §16): where to reach them (e-mail, E.164 phone), the language of their messages
     * and pages, how many companions they may bring, and the stops they are invited to (empty: every stop).
     */
    public record Invitation(String email, String phone, String locale, int maxCompanions, List<String> stops) {
        public static final Invitation NONE = new Invitation(null, null, null, 0, List.of());

        public Invitation {
            stops = stops == null ? List.of() : List.copyOf(stops);
        }
    }

    public Guest {
        tags = Set.copyOf(tags);
        invitation = invitation == null ? Invitation.NONE : invitation;
    }

    /** A guest without contact details: walk-ins, spreadsheets without contact columns. */
    public Guest(String id, String firstName, String lastName, String householdId, Set<String> tags, Rsvp rsvp,
                 String dietary, String notes, String tableId, String seat) {
        this(id, firstName, lastName, householdId, tags, rsvp, dietary, notes, tableId, seat, Invitation.NONE);
    }

    public Guest withHousehold(String household) {
        return new Guest(id, firstName, lastName, household, tags, rsvp, dietary, notes, tableId, seat, invitation);
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
