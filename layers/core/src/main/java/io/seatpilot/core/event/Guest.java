package io.seatpilot.core.event;

import java.util.Locale;
import java.util.Set;

/**
 * A guest as imported (SPEC §6). {@code tableId}/{@code seat} are optional: planners who seat in a spreadsheet
 * bring them along; a plan published by the seating engine takes precedence over them. {@code dietary},
 * {@code notes} and the contact's e-mail and phone are personal data (SPEC §16): sealed at rest, and read at the
 * door only as {@link #WITHHELD} (the door needs to know that there are notes, never what they say).
 */
public record Guest(String id, String firstName, String lastName, String householdId, Set<String> tags, Rsvp rsvp,
                    String dietary, String notes, String tableId, String seat, Contact contact) {

    /** A sealed personal field read without opening it: present, content withheld. */
    public static final String WITHHELD = "(withheld)";

    public enum Rsvp {
        PENDING, CONFIRMED, DECLINED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How to reach the guest (SPEC §16): e-mail, E.164 phone, the language their messages and pages use, and how
     * many companions they may bring.
     */
    public record Contact(String email, String phone, String locale, int maxCompanions) {
        public static final Contact NONE = new Contact(null, null, null, 0);
    }

    public Guest {
        tags = Set.copyOf(tags);
        contact = contact == null ? Contact.NONE : contact;
    }

    /** A guest without contact details: walk-ins, spreadsheets without contact columns. */
    public Guest(String id, String firstName, String lastName, String householdId, Set<String> tags, Rsvp rsvp,
                 String dietary, String notes, String tableId, String seat) {
        this(id, firstName, lastName, householdId, tags, rsvp, dietary, notes, tableId, seat, Contact.NONE);
    }

    public Guest withHousehold(String household) {
        return new Guest(id, firstName, lastName, household, tags, rsvp, dietary, notes, tableId, seat, contact);
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
