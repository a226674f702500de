package io.seatpilot.core.checkin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.i18n.Messages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the door screen shows after a check-in (SPEC §7) and nothing more: first name and last initial, table and
 * seat labels, zone letter and colour, a short direction, the accessible-route flag, the household's status and
 * whether staff should pay attention (reasons as codes, never the notes themselves); {@code reentry} only when
 * the scan let a checked-out guest back in. {@code freeSeating}: the stop has no seating plan (a ceremony), so
 * the card has no table and its direction says to sit anywhere.
 */
public record DoorCard(
        @JsonProperty("checkin_id") String checkinId,
        @JsonProperty("checked_in_at") long checkedInAt,
        @JsonProperty("guest_id") String guestId,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_initial") String lastInitial,
        @JsonProperty("table_label") String tableLabel,
        @JsonProperty("seat_label") String seatLabel,
        @JsonProperty("zone") ZoneMark zone,
        @JsonProperty("direction") String direction,
        @JsonProperty("accessible_route") boolean accessibleRoute,
        @JsonProperty("household") HouseholdStatus household,
        @JsonProperty("require_attention") boolean requireAttention,
        @JsonProperty("attention") List<String> attention,
        @JsonProperty("reentry") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean reentry,
        @com.fasterxml.jackson.annotation.JsonIgnore boolean freeSeating) {

    public static final int MAX_DIRECTION_WORDS = 7;

    /** Letter and colour together: colour is never the only cue. */
    public record ZoneMark(@JsonProperty("letter") String letter, @JsonProperty("color") String color) {
    }

    /** Who of the household is expected, how many have arrived, and the first names still missing. */
    public record HouseholdStatus(@JsonProperty("expected") int expected, @JsonProperty("arrived") int arrived,
                                  @JsonProperty("missing") List<String> missing) {
    }

    public static DoorCard of(String checkinId, long checkedInAt, Guest guest, EventContext.Placement placement,
                              HouseholdStatus household) {
        List<String> attention = attention(guest);
        return new DoorCard(checkinId, checkedInAt, guest.id(), guest.firstName(), guest.lastInitial(),
                placement.table() == null ? null : placement.table().label(), placement.seat(),
                placement.zone() == null ? null : new ZoneMark(placement.zone().letter(), placement.zone().color()),
                direction(placement, guest.needsAccessibleRoute()), guest.needsAccessibleRoute(), household,
                !attention.isEmpty(), attention, false, false);
    }

    /** The card at a stop without seating: no table, seat or zone, whatever the plan says for later stops. */
    public static DoorCard freeSeating(String checkinId, long checkedInAt, Guest guest, HouseholdStatus household) {
        List<String> attention = attention(guest);
        return new DoorCard(checkinId, checkedInAt, guest.id(), guest.firstName(), guest.lastInitial(), null, null, null,
                Messages.of(Languages.FALLBACK).text(FREE_SEATING), guest.needsAccessibleRoute(), household,
                !attention.isEmpty(), attention, false, true);
    }

    /** The direction at a stop without seating (the bundles keep it within seven words). */
    public static final String FREE_SEATING = "direction.free_seating";

    /** Why staff should look up (codes, never the notes themselves). */
    public static List<String> attention(Guest guest) {
        List<String> attention = new ArrayList<>();
        if (guest.isVip()) {
            attention.add("vip");
        }
        if (guest.notes() != null) {
            attention.add("notes");
        }
        return List.copyOf(attention);
    }

    /** The same card with its direction in {@code messages}' language (cards are built in English). */
    public DoorCard in(Messages messages) {
        return new DoorCard(checkinId, checkedInAt, guestId, firstName, lastInitial, tableLabel, seatLabel, zone,
                freeSeating ? messages.text(FREE_SEATING) : direction(messages, zone == null ? null : zone.letter(), tableLabel, accessibleRoute),
                accessibleRoute, household, requireAttention, attention, reentry, freeSeating);
    }

    /** The same card for a guest let back in after a check-out (SPEC §17: {@code "reentry": true}). */
    public DoorCard asReentry() {
        return new DoorCard(checkinId, checkedInAt, guestId, firstName, lastInitial, tableLabel, seatLabel, zone,
                direction, accessibleRoute, household, requireAttention, attention, true, freeSeating);
    }

    public static String direction(EventContext.Placement placement, boolean accessible) {
        return direction(Messages.of(Languages.FALLBACK), placement, accessible);
    }

    public static String direction(Messages messages, EventContext.Placement placement, boolean accessible) {
        return direction(messages, placement.zone() == null ? null : placement.zone().letter(),
                placement.table() == null ? null : placement.table().label(), accessible);
    }

    /**
     * At most seven words, zone letter first: e.g. "Zone B, table B-12, step-free route". The bundles keep each
     * text within seven words; a table label of several words is cut rather than let the direction grow.
     */
    public static String direction(Messages messages, String zoneLetter, String tableLabel, boolean accessible) {
        if (tableLabel == null) {
            return messages.text("direction.ask_staff");
        }
        String text = zoneLetter == null
                ? messages.text(accessible ? "direction.table_step_free" : "direction.table", tableLabel)
                : messages.text(accessible ? "direction.zone_table_step_free" : "direction.zone_table", zoneLetter, tableLabel);
        String[] words = text.split("\\s+");
        return words.length <= MAX_DIRECTION_WORDS ? text : String.join(" ", Arrays.copyOf(words, MAX_DIRECTION_WORDS));
    }
}
