package io.seatpilot.core.checkin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.seatpilot.core.event.NameHit;
import io.seatpilot.core.event.OpenedPass;
import io.seatpilot.core.event.Pass;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.Household;
import io.seatpilot.core.event.Names;
import io.seatpilot.core.auth.PassTokens;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read-only door lookups: name search for staff and kiosks, and the guest's own pass view. */
public final class DoorLookups {

    public static final int MAX_RESULTS = 20;
    private static final int MAX_QUERY_LENGTH = 100;

    private final EventContextSource contexts;
    private final GuestDirectory setup;
    private final PassBook passes;

    public DoorLookups(EventContextSource contexts, GuestDirectory setup, PassBook passes) {
        this.contexts = contexts;
        this.setup = setup;
        this.passes = passes;
    }

    /** Prefix search, accent- and case-insensitive, over every word order of the name (SPEC §7). */
    public List<NameHit> search(String tenant, String event, String query) {
        context(tenant, event);
        String folded = query == null || query.length() > MAX_QUERY_LENGTH ? "" : Names.fold(query);
        if (folded.isEmpty()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "q", "q must hold part of a name");
        }
        if (!Names.fitsKey(folded)) {
            // no stored key is longer, and DynamoDB refuses a longer key condition outright
            throw ApiException.field(Reason.VALIDATION_FAILED, "q", "q is longer than any name once folded");
        }
        return setup.searchNames(tenant, event, folded, MAX_RESULTS);
    }

    /** What the pass view shows, and nothing else: event name, table, seat, zone, directions, household first names. */
    public record PassView(@JsonProperty("event_name") String eventName,
                           @JsonProperty("table_label") String tableLabel,
                           @JsonProperty("seat_label") String seatLabel,
                           @JsonProperty("zone") DoorCard.ZoneMark zone,
                           @JsonProperty("direction") String direction,
                           @JsonProperty("household_members") List<String> householdMembers,
                           @JsonProperty("members") List<MemberView> members) {
    }

    /** A household pass shows each member's first name with where they sit. */
    public record MemberView(@JsonProperty("first_name") String firstName,
                             @JsonProperty("table_label") String tableLabel,
                             @JsonProperty("seat_label") String seatLabel,
                             @JsonProperty("zone") DoorCard.ZoneMark zone,
                             @JsonProperty("direction") String direction) {
    }

    public PassView passView(String token) {
        String tenant = PassTokens.tenantOf(token).orElseThrow(DoorLookups::unknown);
        Pass pass = passes.find(tenant, token).orElseThrow(DoorLookups::unknown);
        EventContext context = context(tenant, pass.eventId());
        String eventName = context.definition().name();
        if (pass.isHousehold()) {
            Household household = setup.household(tenant, pass.eventId(), pass.householdId()).orElseThrow(DoorLookups::unknown);
            var guests = setup.party(tenant, pass.eventId(),
                    household.members().stream().map(Household.Member::guestId).toList(), List.of()).guests();
            List<MemberView> members = new ArrayList<>();
            for (Household.Member member : household.members()) {
                Guest g = guests.get(member.guestId());
                if (g != null && g.rsvp() != Guest.Rsvp.DECLINED) {
                    var placement = context.placementOf(g);
                    members.add(new MemberView(g.firstName(), label(placement), placement.seat(), zone(placement),
                            DoorCard.direction(placement, g.needsAccessibleRoute())));
                }
            }
            return new PassView(eventName, null, null, null, null, null, members);
        }
        // the pass names the guest's household as issued, so both are read at once; the guest's record decides
        var read = setup.party(tenant, pass.eventId(), List.of(pass.guestId()),
                pass.guestHouseholdId() == null ? List.of() : List.of(pass.guestHouseholdId()));
        Guest guest = Optional.ofNullable(read.guests().get(pass.guestId())).orElseThrow(DoorLookups::unknown);
        var placement = context.placementOf(guest);
        Household household = guest.householdId() == null ? null
                : Optional.ofNullable(read.households().get(guest.householdId()))
                .or(() -> setup.household(tenant, pass.eventId(), guest.householdId())).orElse(null);
        List<String> householdNames = household == null ? null
                : household.expected().stream().map(Household.Member::firstName).toList();
        return new PassView(eventName, label(placement), placement.seat(), zone(placement),
                DoorCard.direction(placement, guest.needsAccessibleRoute()), householdNames, null);
    }

    /** One person on a pass page: first name and where they sit. */
    public record Seat(String firstName, EventContext.Placement placement, boolean stepFree) {
    }

    /**
     * What the guest's pass page shows (SPEC §15): the event, who the pass is for and where they sit, the
     * household's other first names, and the short code (opened with the token, see {@link io.seatpilot.core.event.SealedCodes};
     * absent for a pass issued before codes were sealed). A household pass lists each expected member's seat.
     */
    public record GuestPass(EventDefinition event, List<Seat> seats, List<String> householdFirstNames,
                            Optional<String> code, long issuedAt) {
    }

    public GuestPass guestPass(String token) {
        String tenant = PassTokens.tenantOf(token).orElseThrow(DoorLookups::unknown);
        OpenedPass opened = passes.open(tenant, token).orElseThrow(DoorLookups::unknown);
        Pass pass = opened.pass();
        EventContext context = context(tenant, pass.eventId());
        Optional<String> code = opened.code();
        if (pass.isHousehold()) {
            Household household = setup.household(tenant, pass.eventId(), pass.householdId()).orElseThrow(DoorLookups::unknown);
            var guests = setup.party(tenant, pass.eventId(),
                    household.expected().stream().map(Household.Member::guestId).toList(), List.of()).guests();
            List<Seat> seats = household.expected().stream().map(m -> guests.get(m.guestId()))
                    .filter(g -> g != null && g.rsvp() != Guest.Rsvp.DECLINED)
                    .map(g -> new Seat(g.firstName(), context.placementOf(g), g.needsAccessibleRoute())).toList();
            return new GuestPass(context.definition(), seats, List.of(), code, pass.issuedAt());
        }
        var read = setup.party(tenant, pass.eventId(), List.of(pass.guestId()),
                pass.guestHouseholdId() == null ? List.of() : List.of(pass.guestHouseholdId()));
        Guest guest = Optional.ofNullable(read.guests().get(pass.guestId())).orElseThrow(DoorLookups::unknown);
        if (guest.rsvp() == Guest.Rsvp.DECLINED) {
            throw unknown();
        }
        Household household = guest.householdId() == null ? null
                : Optional.ofNullable(read.households().get(guest.householdId()))
                .or(() -> setup.household(tenant, pass.eventId(), guest.householdId())).orElse(null);
        List<String> others = household == null ? List.of() : household.expected().stream()
                .filter(m -> !m.guestId().equals(guest.id())).map(Household.Member::firstName).toList();
        return new GuestPass(context.definition(), List.of(new Seat(guest.firstName(), context.placementOf(guest),
                guest.needsAccessibleRoute())), others, code, pass.issuedAt());
    }

    private EventContext context(String tenant, String event) {
        return contexts.context(tenant, event).orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such event"));
    }

    private static String label(EventContext.Placement placement) {
        return placement.table() == null ? null : placement.table().label();
    }

    private static DoorCard.ZoneMark zone(EventContext.Placement placement) {
        return placement.zone() == null ? null : new DoorCard.ZoneMark(placement.zone().letter(), placement.zone().color());
    }

    private static ApiException unknown() {
        return new ApiException(Reason.PASS_UNKNOWN, "Pass unknown");
    }
}
