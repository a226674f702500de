package io.seatpilot.core.doorlist;

import io.seatpilot.core.event.CurrentPass;
import io.seatpilot.core.checkin.CheckinStore;
import io.seatpilot.core.checkin.GuestDirectory;
import io.seatpilot.core.checkin.DoorCard;
import io.seatpilot.core.checkin.EventContext;
import io.seatpilot.core.checkin.EventContexts;
import io.seatpilot.core.checkin.StopDoor;
import io.seatpilot.core.event.DoorListStamp;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.Household;
import io.seatpilot.core.event.Names;
import io.seatpilot.core.event.PassStore;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.i18n.Messages;
import io.seatpilot.core.seating.SeatingStore;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds an event's door list (SPEC §15) from what the door reads online: guests and households, the published
 * plan, current passes and check-ins. Guests who declined are left out, with their passes: at the door they are
 * not expected, and offline a kiosk sends anyone it cannot find to staff. A guest's {@code stops} are those they
 * are expected at: invited to, less any they answered the RSVP "no" for, so a kiosk offline refuses them there as
 * the server does (an answer changes the guest's record, so the set-up stamp moves with it).
 *
 * <p>The list's version is made of three counters that every change of it raises: the set-up stamp (event, guests,
 * households, tables, passes: {@link DoorListStamp}), the published plan's revision (publish, re-seats, walk-ins)
 * and the count of check-in changes (check-ins and undos, kept on the counter shards each of them writes anyway).
 * Kiosks poll the list with {@code If-None-Match}; reading the three (two items and ≤ 8 shards) answers an unchanged
 * list without reading thousands of guests and passes. A digest of the content would be exact too, but costs the
 * whole build it was meant to spare. The version is read before the content, so a change made during a build
 * leaves the new content under the old version (fetched again at the next poll), never the reverse.
 */
public final class DoorLists {

    private final EventContexts contexts;
    private final EventSetupStore setup;
    private final GuestDirectory answers;
    private final PassStore passes;
    private final CheckinStore checkins;
    private final SeatingStore plans;
    private final DoorListStamp stamp;

    /** {@code answers}: the guests' RSVP answers per stop, read as the door's rules read them. */
    public DoorLists(EventContexts contexts, EventSetupStore setup, GuestDirectory answers, PassStore passes,
                     CheckinStore checkins, SeatingStore plans, DoorListStamp stamp) {
        this.contexts = contexts;
        this.setup = setup;
        this.answers = answers;
        this.passes = passes;
        this.checkins = checkins;
        this.plans = plans;
        this.stamp = stamp;
    }

    /**
     * The version the list of {@code stopId} (null: the first stop) has now, without building it; empty for an event
     * without a set-up stamp (none, or set up before stamps existed), whose list must be built to know (and whose
     * build answers 404 when there is no event, 422 for a stop it lacks).
     */
    public Optional<String> version(String tenant, String event, String stopId) {
        var setupStamp = stamp.read(tenant, event);
        if (setupStamp.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(version(setupStamp.getAsLong(), tenant, event, stopId));
    }

    /**
     * A named stop keeps its check-ins under its own ledger unless it is the event's first stop, which only the
     * definition tells: both ledgers' changes count, so a change in the one that holds them always moves the version
     * (at worst a change in the other one costs a kiosk a fetch), and the stop's id keeps stops' versions apart.
     */
    private String version(long setupStamp, String tenant, String event, String stopId) {
        long changes = checkins.checkinChanges(tenant, event)
                + (stopId == null ? 0 : checkins.checkinChanges(tenant, StopDoor.laterStopLedger(event, stopId)));
        return setupStamp + "." + plans.revision(tenant, event) + "." + changes + (stopId == null ? "" : "." + stopId);
    }

    /**
     * The list as it is now, or {@code 404 not_found} for an event the tenant does not have. Its {@code checked_in}
     * are the check-ins at {@code stopId} (null: the event's first stop; 422 {@code stop} for one it lacks).
     */
    public DoorList build(String tenant, String event, String stopId, long now) {
        // before the content: see the class comment
        String version = version(stamp.read(tenant, event).orElse(0), tenant, event, stopId);
        // fresh: a kiosk downloads the list to work from it offline for hours; a 30 s old plan would stay with it
        EventContext context = contexts.fresh(tenant, event);
        StopDoor door = StopDoor.named(event, context.definition(), stopId).orElseThrow(() -> ApiException.field(
                Reason.VALIDATION_FAILED, "stop", "Event " + event + " has no stop " + stopId));
        Map<String, List<String>> guestPasses = new HashMap<>();
        Map<String, String> guestCodes = new HashMap<>();
        Map<String, List<String>> householdPasses = new HashMap<>();
        Map<String, String> householdCodes = new HashMap<>();
        for (CurrentPass pass : passes.current(tenant, event)) {
            (pass.isGuest() ? guestPasses : householdPasses).computeIfAbsent(pass.holderId(), id -> new ArrayList<>()).add(pass.passHash());
            if (pass.codeSlowHash() != null) {
                (pass.isGuest() ? guestCodes : householdCodes).put(pass.holderId(), pass.codeSlowHash());
            }
        }
        List<DoorList.Entry> guests = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        List<Guest> expected = setup.guests(tenant, event).stream().filter(g -> g.rsvp() != Guest.Rsvp.DECLINED).toList();
        // as the door's rules: an event of one stop reads no answers (a "no" to its only stop is a decline)
        Map<String, Set<String>> declined = context.definition().effectiveStops().size() < 2 ? Map.of()
                : answers.declinedStops(tenant, event, expected.stream().map(Guest::id).toList());
        for (Guest guest : expected) {
            listed.add(guest.id());
            guests.add(entry(context, guest, guestPasses.getOrDefault(guest.id(), List.of()), guestCodes.get(guest.id()),
                    declined.getOrDefault(guest.id(), Set.of())));
        }
        guests.sort(Comparator.comparing(DoorList.Entry::guestId));
        List<DoorList.HouseholdEntry> households = new ArrayList<>();
        for (Household household : setup.households(tenant, event)) {
            List<String> members = household.expected().stream().map(Household.Member::guestId).filter(listed::contains).sorted().toList();
            if (!members.isEmpty()) {
                households.add(new DoorList.HouseholdEntry(household.id(),
                        householdPasses.getOrDefault(household.id(), List.of()), householdCodes.get(household.id()), members));
            }
        }
        households.sort(Comparator.comparing(DoorList.HouseholdEntry::id));
        List<String> checkedIn = checkins.checkins(tenant, door.ledger()).stream()
                .map(item -> Items.string(item, Keys.SK).orElseThrow()).filter(listed::contains).sorted().toList();
        var hashing = passes.codeHashing(tenant, event).orElse(null);
        List<EventDefinition.Stop> stops = context.definition().effectiveStops();
        return new DoorList(event, version, now, hashing, stops, door.stop().id(), guests, households, checkedIn);
    }

    private static DoorList.Entry entry(EventContext context, Guest guest, List<String> passHashes, String codeHash,
                                        Set<String> declinedStops) {
        var placement = context.placementOf(guest);
        Map<String, String> direction = new LinkedHashMap<>();
        for (String language : Languages.SUPPORTED) {
            direction.put(language, DoorCard.direction(Messages.of(language), placement, guest.needsAccessibleRoute()));
        }
        return new DoorList.Entry(guest.id(), guest.firstName(), guest.lastInitial(), guest.householdId(),
                placement.table() == null ? null : placement.table().label(), placement.seat(),
                placement.zone() == null ? null : new DoorCard.ZoneMark(placement.zone().letter(), placement.zone().color()),
                direction, guest.needsAccessibleRoute(), DoorCard.attention(guest), List.copyOf(passHashes), codeHash,
                Names.doorKeys(guest.firstName(), guest.lastName()),
                context.definition().stopsOf(guest).stream().map(EventDefinition.Stop::id)
                        .filter(stop -> !declinedStops.contains(stop)).toList());
    }
}
