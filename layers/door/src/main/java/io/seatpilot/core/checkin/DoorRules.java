package io.seatpilot.core.checkin;

import io.seatpilot.core.event.Pass;
import io.seatpilot.core.store.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.checkin.Checkins.ArrivalAnswer;
import io.seatpilot.core.checkin.Checkins.ArrivalRequest;
import io.seatpilot.core.checkin.Checkins.Checkout;
import io.seatpilot.core.checkin.Checkins.Undone;
import io.seatpilot.core.checkin.DoorRefusal.Kind;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.Household;
import io.seatpilot.core.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The door's rules (SPEC §7, §17), once, for the online API and the offline upload alike, over the store
 * interfaces they need (so they run against in-memory fakes in unit tests). Refusals are {@link DoorRefusal}s;
 * {@link Checkins} answers them as the contract's problems.
 *
 * <p>Online, the first scan to reach the server counts: the kiosk that lost the race is told 409 at once, and
 * its guest stands at that door. Offline uploads arrive late and in any order, so there the earliest scan counts:
 * an earlier upload takes the check-in over from a later one (which is kept as a conflict), a later one is kept
 * as a duplicate; either way the guest is counted once, because counters move only when a state item is created
 * or removed.
 *
 * <p>Events with stops (SPEC §16) check a guest in once per stop: the actor's stop (a kiosk's from its
 * registration, staff's from their request; else the event's first) decides which {@link StopDoor} a check-in,
 * check-out or outcome query works on, and a guest not invited to that stop, or who answered the RSVP "no" for it,
 * is refused {@code not_invited}. Every rule above then holds per stop.
 */
public final class DoorRules {

    public static final long UNDO_WINDOW_MILLIS = 15 * 60_000L;
    /** Reads made side by side (SDK clients are thread-safe; virtual threads cost next to nothing). */
    private static final ExecutorService READS = Executors.newVirtualThreadPerTaskExecutor();
    private static final int MAX_ARBITRATION_ROUNDS = 5;

    private final EventContextSource contexts;
    private final GuestDirectory setup;
    private final PassBook passes;
    private final CheckinLedger store;
    private final RawEventLog events;
    private final Clock clock;

    public DoorRules(EventContextSource contexts, GuestDirectory setup, PassBook passes, CheckinLedger store,
                     RawEventLog events, Clock clock) {
        this.contexts = contexts;
        this.setup = setup;
        this.passes = passes;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** The event's context, or {@code not_found} (also for another tenant's event, which is never disclosed). */
    private EventContext context(String tenant, String eventId) {
        return contexts.context(tenant, eventId).orElseThrow(() -> new DoorRefusal(Kind.NOT_FOUND, "No such event"));
    }

    /** The door of the stop {@code stopId} (null: the first), or 422 {@code stop_id} for a stop the event lacks. */
    private static StopDoor door(EventContext context, String stopId) {
        return StopDoor.named(context.eventId(), context.definition(), stopId).orElseThrow(() -> DoorRefusal.field(
                Kind.VALIDATION_FAILED, "stop_id", "Event " + context.eventId() + " has no stop " + stopId));
    }

    /** Refuses a guest the stop's invitation does not name (SPEC §7's code, the stop in the detail). */
    private static void requireInvited(EventContext context, StopDoor door, Guest guest) {
        if (context.definition().stopsOf(guest).stream().noneMatch(s -> s.id().equals(door.stop().id()))) {
            throw new DoorRefusal(Kind.NOT_INVITED, "Guest " + guest.id() + " is not invited to stop " + named(door));
        }
    }

    /**
     * Refuses, like a declined invitation, a guest who answered the RSVP "no" for this door's stop (SPEC §16); their
     * answer at another stop changes nothing here. An event of one stop reads no answers: a "no" to its only stop
     * is the guest's own decline, which {@link #invited} refuses.
     */
    private void requireNotDeclinedHere(String tenant, EventContext context, StopDoor door, List<Guest> guests) {
        if (context.definition().effectiveStops().size() < 2) {
            return;
        }
        var declined = setup.declinedStops(tenant, context.eventId(), guests.stream().map(Guest::id).toList());
        for (Guest guest : guests) {
            if (declined.getOrDefault(guest.id(), java.util.Set.of()).contains(door.stop().id())) {
                throw new DoorRefusal(Kind.NOT_INVITED, "Guest " + guest.id() + " declined stop " + named(door));
            }
        }
    }

    private static String named(StopDoor door) {
        return door.stop().id() + (door.stop().name() == null ? "" : " (" + door.stop().name() + ")");
    }

    /** Guests one outcome query may name: an upload batch's worth. */
    public static final int MAX_COUNTING = 100;

    /**
     * The check-in that counts now for each of these guests (a guest not checked in is absent): how a door that
     * uploaded offline scans learns, once the worker applied them, which scan won (earliest scan wins).
     */
    public Map<String, FirstCheckin> counting(String tenant, String eventId, String commaSeparatedGuestIds) {
        return counting(tenant, eventId, null, commaSeparatedGuestIds);
    }

    /** The same at the stop {@code stopId} (null: the event's first). */
    public Map<String, FirstCheckin> counting(String tenant, String eventId, String stopId, String commaSeparatedGuestIds) {
        // the event first: another tenant's caller learns nothing, not even that its list was malformed
        StopDoor door = door(context(tenant, eventId), stopId);
        List<String> guestIds = Ids.list(commaSeparatedGuestIds, MAX_COUNTING, Ids.ITEM).orElseThrow(() -> DoorRefusal.field(
                Kind.VALIDATION_FAILED, "guest_ids", "guest_ids must be 1 to " + MAX_COUNTING + " distinct guest ids, separated by commas"));
        Map<String, FirstCheckin> counting = new LinkedHashMap<>();
        store.states(tenant, door.ledger(), guestIds).forEach((guestId, scan) -> counting.put(guestId, scan.asFirst()));
        return counting;
    }

    public CheckinResult checkIn(Actor actor, CheckinRequest request, boolean online) {
        return checkIn(actor, request, online, () -> { });
    }

    /**
     * {@code beforeWrite} runs once the scan's reads are done, right before its first write: the door uses it to
     * wait for its request's nonce, which is recorded beside those reads (a replay must not write).
     */
    public CheckinResult checkIn(Actor actor, CheckinRequest request, boolean online, Runnable beforeWrite) {
        return checkIn(actor, request, online, beforeWrite, null);
    }

    /**
     * As {@link #checkIn(Actor, CheckinRequest, boolean, Runnable)}, with the party's reads taken from {@code early}
     * when it was started for this online scan's tenant, event and identification ({@link #readAhead}); otherwise
     * (or when {@code early} is null) read here.
     */
    public CheckinResult checkIn(Actor actor, CheckinRequest request, boolean online, Runnable beforeWrite, EarlyParty early) {
        String tenant = actor.tenantId();
        Located located = locate(tenant, request.eventId(), context -> door(context, actor.stopId()),
                online && early != null && early.isFor(tenant, request) ? early::join
                        : () -> resolve(tenant, request.eventId(), request.identity(), true, online));
        EventContext context = located.context();
        StopDoor door = located.door();
        Party party = located.party();
        List<Guest> guests = party.guests();
        guests.forEach(guest -> requireInvited(context, door, guest));
        // The household status is read beside the claim, not after it: it is the members' states as they were,
        // with this scan's own outcome added, so it need not wait for the transaction.
        CompletableFuture<Map<String, Scan>> memberStates = memberStates(tenant, door, party);
        CompletableFuture<java.util.Set<String>> elsewhere = membersElsewhere(tenant, context, door, party);
        try {
            requireNotDeclinedHere(tenant, context, door, guests);
        } catch (DoorRefusal refused) {
            memberStates.cancel(false);
            elsewhere.cancel(false);
            throw refused;
        }
        beforeWrite.run();
        long now = clock.millis();
        List<Scan> scans = guests.stream().map(g -> new Scan(g.id(), request.checkinId(), request.scannedAt(), now,
                actor.deviceId(), request.mode(), door.seated() ? zoneId(context, g) : null)).toList();
        var claims = store.claim(tenant, door.ledger(), scans, !online ? null
                : claimed -> RawEvents.item(actor, RawEvents.checkinEventId(request.checkinId()), "checkin.success", request.sessionId(),
                request.scannedAt(), successPayload(request, claimed, actor), now),
                claimed -> DoorAudit.checkin(actor, request, claimed, online, now));

        Map<String, Scan> counted = new LinkedHashMap<>();
        Map<String, Scan> heldByOthers = new LinkedHashMap<>();
        java.util.Set<String> reentered = new java.util.HashSet<>();
        boolean anyNew = !claims.claimed().isEmpty();
        claims.claimed().forEach(s -> counted.put(s.guestId(), s));
        for (Scan mine : scans) {
            Scan held = claims.held().get(mine.guestId());
            if (held == null) {
                continue;
            }
            if (request.isSameCheckin(held.checkinId())) {
                counted.put(mine.guestId(), held);
            } else if (held.reentryId() != null && request.isSameCheckin(held.reentryId())) {
                counted.put(mine.guestId(), mine);
                reentered.add(mine.guestId());
            } else if (held.isOut() && (online || mine.checkedInAt() > held.exit().at())) {
                Optional<Scan> other = reenter(actor, door, mine, held, online);
                if (other.isEmpty()) {
                    counted.put(mine.guestId(), mine);
                    reentered.add(mine.guestId());
                    anyNew = true;
                } else {
                    heldByOthers.put(mine.guestId(), other.get());
                }
            } else if (online) {
                heldByOthers.put(mine.guestId(), held);
            } else {
                Optional<Scan> winner = arbitrate(tenant, door, request, mine, held);
                if (winner.isEmpty()) {
                    counted.put(mine.guestId(), mine);
                    anyNew = true;
                } else {
                    heldByOthers.put(mine.guestId(), winner.get());
                }
            }
        }
        if (counted.isEmpty() && heldByOthers.isEmpty()) {
            // the claim met this check-in's own raw event: it was made and then undone, and resending it must not
            // bring it back (nor can it get its first answer again)
            memberStates.cancel(false);
            elsewhere.cancel(false);
            throw DoorRefusal.field(Kind.VALIDATION_FAILED, "checkin_id",
                    "This check-in was undone; a new scan needs a new checkin_id");
        }
        if (counted.isEmpty() && !heldByOthers.isEmpty()) {
            memberStates.cancel(false);
            elsewhere.cancel(false);
            return new CheckinResult.AlreadyCheckedIn(heldByOthers.values().iterator().next().asFirst());
        }
        Map<String, Scan> present = new HashMap<>(join(memberStates));
        present.putAll(heldByOthers);
        present.putAll(counted);
        Object answer = answer(context, door, request, party, counted, heldByOthers, present, join(elsewhere), reentered);
        return anyNew ? new CheckinResult.Created(answer) : new CheckinResult.Repeated(answer);
    }

    /**
     * Lets a checked-out guest back in (SPEC §17: a re-entry, not a second check-in). Answers empty when this scan
     * re-entered the guest, or the state that holds them otherwise (inside by another scan: online that is the
     * 409 of a check-in, offline a duplicate). Each step is conditional on the state seen, like arbitration.
     */
    private Optional<Scan> reenter(Actor actor, StopDoor door, Scan mine, Scan held, boolean online) {
        String event = door.eventId();
        String ledger = door.ledger();
        Scan current = held;
        for (int round = 0; round < MAX_ARBITRATION_ROUNDS; round++) {
            if (!current.isOut()) {
                if (!online) {
                    store.recordDuplicate(actor.tenantId(), ledger, mine, current, clock.millis());
                }
                return Optional.of(current);
            }
            long now = clock.millis();
            if (store.reenter(actor.tenantId(), ledger, current, mine,
                    DoorAudit.reentry(actor, event, mine, current, online, now)) == CheckinLedger.Move.MOVED) {
                return Optional.empty();
            }
            current = store.state(actor.tenantId(), ledger, mine.guestId())
                    .orElseThrow(() -> new DoorRefusal(Kind.UNAVAILABLE, "The guest's check-in was undone meanwhile; retry"));
        }
        throw new DoorRefusal(Kind.UNAVAILABLE, "The guest's check-in kept changing; retry");
    }

    /**
     * Earliest scan wins: takes the check-in over from a later holder, or keeps this scan as a duplicate of an
     * earlier one. Answers the winner when it is not {@code mine}. Each step is a conditional write on the state
     * seen, so a concurrent change only means deciding again.
     */
    private Optional<Scan> arbitrate(String tenant, StopDoor door, CheckinRequest request, Scan mine, Scan held) {
        String event = door.ledger();
        Scan current = held;
        for (int round = 0; round < MAX_ARBITRATION_ROUNDS; round++) {
            long now = clock.millis();
            if (request.isSameCheckin(current.checkinId())) {
                return Optional.empty();
            }
            if (!mine.isEarlierThan(current)) {
                store.recordDuplicate(tenant, event, mine, current, now);
                // a later entry of a guest inside is their latest entry: an older check-out uploaded after it must not count
                if (!current.isOut() && mine.checkedInAt() > current.enteredAt()
                        && store.markEntry(tenant, event, current, mine) == CheckinLedger.Move.STATE_CHANGED) {
                    current = store.state(tenant, event, mine.guestId()).orElse(current);
                    continue;
                }
                return Optional.of(current);
            }
            if (store.supersede(tenant, event, mine, current, now)) {
                return Optional.empty();
            }
            Optional<Scan> latest = store.state(tenant, event, mine.guestId());
            if (latest.isEmpty()) {
                // undone meanwhile: the guest is free, so this scan is a new check-in
                var claims = store.claim(tenant, event, List.of(mine), null, null);
                if (!claims.claimed().isEmpty()) {
                    return Optional.empty();
                }
                latest = Optional.ofNullable(claims.held().get(mine.guestId()));
            }
            current = latest.orElseThrow();
        }
        throw new DoorRefusal(Kind.UNAVAILABLE, "The guest's check-in kept changing; retry");
    }

    private Object answer(EventContext context, StopDoor door, CheckinRequest request, Party party, Map<String, Scan> counted,
                          Map<String, Scan> heldByOthers, Map<String, Scan> present, java.util.Set<String> elsewhere,
                          java.util.Set<String> reentered) {
        List<DoorCard> cards = new ArrayList<>();
        for (Guest guest : party.guests()) {
            Scan scan = counted.get(guest.id());
            if (scan != null) {
                var household = householdStatus(party, guest.householdId(), present, elsewhere);
                DoorCard card = door.seated()
                        ? DoorCard.of(scan.checkinId(), scan.checkedInAt(), guest, context.placementOf(guest), household)
                        : DoorCard.freeSeating(scan.checkinId(), scan.checkedInAt(), guest, household);
                cards.add(reentered.contains(guest.id()) ? card.asReentry() : card);
            }
        }
        if (!isHouseholdScan(request.identity())) {
            return cards.getFirst();
        }
        List<HouseholdAnswer.Held> held = party.guests().stream().filter(g -> heldByOthers.containsKey(g.id()))
                .map(g -> new HouseholdAnswer.Held(g.id(), g.firstName(), heldByOthers.get(g.id()).asFirst())).toList();
        return new HouseholdAnswer(request.checkinId(), cards, held,
                householdStatus(party, party.guests().getFirst().householdId(), present, elsewhere));
    }

    /** A household pass, a household's code, or walk-ins with companions: answered member by member. */
    private static boolean isHouseholdScan(Identity identity) {
        return identity instanceof Identity.ByHousehold || identity instanceof Identity.ByCode code && !code.guestIds().isEmpty()
                || identity instanceof Identity.ByWalkIn walkIn && walkIn.guests().size() > 1;
    }

    /** {@code elsewhere}: members invited to other stops only, neither expected nor missing at this one. */
    private static DoorCard.HouseholdStatus householdStatus(Party party, String householdId, Map<String, Scan> present,
                                                            java.util.Set<String> elsewhere) {
        Household household = householdId == null ? null : party.households().get(householdId);
        if (household == null) {
            return null;
        }
        List<Household.Member> expected = household.expected().stream().filter(m -> !elsewhere.contains(m.guestId())).toList();
        List<String> missing = expected.stream().filter(m -> !present.containsKey(m.guestId()))
                .map(Household.Member::firstName).toList();
        return new DoorCard.HouseholdStatus(expected.size(), expected.size() - missing.size(), missing);
    }

    private CompletableFuture<Map<String, Scan>> memberStates(String tenant, StopDoor door, Party party) {
        List<String> members = party.households().values().stream().flatMap(h -> h.expected().stream())
                .map(Household.Member::guestId).distinct().toList();
        return members.isEmpty() ? CompletableFuture.completedFuture(Map.of())
                : CompletableFuture.supplyAsync(() -> store.states(tenant, door.ledger(), members), READS);
    }

    /**
     * The party's household members not expected at this door's stop — not invited to it (a child asked to the
     * reception only is not "still to come" at the ceremony), or who answered the RSVP "no" for it, as the door list
     * leaves them out there: reads beside the claim, and none for an event of one stop.
     */
    private CompletableFuture<java.util.Set<String>> membersElsewhere(String tenant, EventContext context, StopDoor door,
                                                                      Party party) {
        if (context.definition().effectiveStops().size() < 2 || party.households().isEmpty()) {
            return CompletableFuture.completedFuture(java.util.Set.of());
        }
        List<String> members = party.households().values().stream().flatMap(h -> h.expected().stream())
                .map(Household.Member::guestId).distinct().toList();
        String stop = door.stop().id();
        return CompletableFuture.supplyAsync(() -> {
            var declined = setup.declinedStops(tenant, context.eventId(), members);
            return setup.party(tenant, context.eventId(), members, List.of()).guests().values().stream()
                    .filter(g -> context.definition().stopsOf(g).stream().noneMatch(s -> s.id().equals(stop))
                            || declined.getOrDefault(g.id(), java.util.Set.of()).contains(stop))
                    .map(Guest::id).collect(java.util.stream.Collectors.toSet());
        }, READS);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The guests a door identification names and, when asked, the households they belong to. */
    record Party(List<Guest> guests, Map<String, Household> households) {
    }

    /** A scan's event context, its door there (when the scan names one) and its party. */
    private record Located(EventContext context, StopDoor door, Party party) {
    }

    /**
     * The event's context and the scan's party, read side by side (the context is cached, but a restored or idle
     * instance, and once a second the plan's revision check, read it from the table). The event and the scan's door
     * in it ({@code door}, which may refuse a stop the event lacks) decide first, as if read first: an unknown event —
     * or another tenant's — is {@code not_found} whatever the party's reads say.
     */
    private Located locate(String tenant, String event, Function<EventContext, StopDoor> door, Identity identity,
                           boolean withHouseholds, boolean online) {
        return locate(tenant, event, door, () -> resolve(tenant, event, identity, withHouseholds, online));
    }

    private Located locate(String tenant, String event, Function<EventContext, StopDoor> door, Supplier<Party> resolved) {
        CompletableFuture<EventContext> context = CompletableFuture.supplyAsync(() -> context(tenant, event), READS);
        Party party;
        try {
            party = resolved.get();
        } catch (RuntimeException refused) {
            door.apply(join(context));
            throw refused;
        }
        EventContext found = join(context);
        return new Located(found, door.apply(found), party);
    }

    /**
     * A check-in's party, read before its caller is known to be who it claims: the door starts it once a kiosk's key
     * record is read, beside the derivation of the key's secret (a restored instance's first scan would otherwise
     * wait for KMS, then the pass, then the party). It is only ever joined by {@link #checkIn} for the same tenant,
     * event and identification, after the signature verified; a request refused before that drops it unread, so a
     * refusal answers, writes and logs exactly what it did without it. Its own refusals (an unknown pass…) are
     * thrown where the check-in's read would have thrown them.
     */
    public static final class EarlyParty {

        private final String tenant;
        private final String eventId;
        private final Identity identity;
        private final CompletableFuture<Party> read;

        private EarlyParty(String tenant, String eventId, Identity identity, CompletableFuture<Party> read) {
            this.tenant = tenant;
            this.eventId = eventId;
            this.identity = identity;
            this.read = read;
        }

        boolean isFor(String tenant, CheckinRequest request) {
            return this.tenant.equals(tenant) && eventId.equals(request.eventId()) && identity.equals(request.identity());
        }

        Party join() {
            return DoorRules.join(read);
        }
    }

    /**
     * Starts reading, on a virtual thread, the party an online check-in of {@code request} names by a pass token (a
     * guest's or a household's); empty for other identifications — a short code is looked up only once its caller's
     * wrong-code budget is checked, and a guest picked by name is a person's (staff) scan, whose credential is read
     * without I/O.
     */
    public Optional<EarlyParty> readAhead(String tenant, CheckinRequest request) {
        if (!(request.identity() instanceof Identity.ByPass || request.identity() instanceof Identity.ByHousehold)) {
            return Optional.empty();
        }
        return Optional.of(new EarlyParty(tenant, request.eventId(), request.identity(), CompletableFuture.supplyAsync(
                () -> resolve(tenant, request.eventId(), request.identity(), true, true), READS)));
    }

    /**
     * The guests a door identification names; refusals as SPEC §7 words them. Reads are batched: a household pass
     * reads its household and the ticked members together, a guest's pass its guest and (by the pass's hint) the
     * guest's household together. Offline, a pass may also come in the form raw events and the quarantine keep it
     * in (its hash): a quarantined upload replayed after a fix names its pass that way.
     */
    Party resolve(String tenant, String event, Identity identity, boolean withHouseholds, boolean online) {
        return switch (identity) {
            case Identity.ByGuest byGuest -> guestParty(tenant, event, byGuest.guestId(), null, withHouseholds);
            case Identity.ByWalkIn walkIn -> new Party(walkIn.guests(),
                    walkIn.household() == null ? Map.of() : Map.of(walkIn.household().id(), walkIn.household()));
            case Identity.ByPass byPass -> {
                Pass pass = pass(tenant, event, byPass.token(), online);
                if (pass.isHousehold()) {
                    throw DoorRefusal.field(Kind.VALIDATION_FAILED, "pass",
                            "A household pass is checked in as household_pass with guest_ids");
                }
                yield guestParty(tenant, event, pass.guestId(), pass.guestHouseholdId(), withHouseholds);
            }
            case Identity.ByHousehold byHousehold -> {
                Pass pass = pass(tenant, event, byHousehold.token(), online);
                if (!pass.isHousehold()) {
                    throw DoorRefusal.field(Kind.VALIDATION_FAILED, "household_pass", "This is a guest's own pass");
                }
                yield householdParty(tenant, event, pass, byHousehold.guestIds());
            }
            case Identity.ByCode byCode -> {
                // the code opens exactly what its pass opens: a guest, or a household with the members ticked
                Pass pass = passes.findByCode(tenant, event, byCode.code())
                        .orElseThrow(() -> new DoorRefusal(Kind.PASS_UNKNOWN, "Pass unknown"));
                if (pass.isHousehold()) {
                    if (byCode.guestIds().isEmpty()) {
                        throw DoorRefusal.field(Kind.VALIDATION_FAILED, "guest_ids",
                                "A household's code is checked in with guest_ids, the members who arrived");
                    }
                    yield householdParty(tenant, event, pass, byCode.guestIds());
                }
                if (!byCode.guestIds().isEmpty()) {
                    throw DoorRefusal.field(Kind.VALIDATION_FAILED, "guest_ids", "guest_ids goes with a household's code only");
                }
                yield guestParty(tenant, event, pass.guestId(), pass.guestHouseholdId(), withHouseholds);
            }
        };
    }

    private Party householdParty(String tenant, String event, Pass pass, List<String> guestIds) {
        var read = setup.party(tenant, event, guestIds, List.of(pass.householdId()));
        Household household = read.households().get(pass.householdId());
        if (household == null) {
            throw new DoorRefusal(Kind.PASS_UNKNOWN, "Pass unknown");
        }
        List<Guest> members = new ArrayList<>();
        for (String guestId : guestIds) {
            if (household.members().stream().noneMatch(m -> m.guestId().equals(guestId))) {
                throw DoorRefusal.field(Kind.NOT_INVITED, "guest_ids", "Guest " + guestId + " is not in this household");
            }
            members.add(invited(read.guests().get(guestId)));
        }
        return new Party(members, Map.of(household.id(), household));
    }

    /** A guest with their household, in one read when the household is known beforehand (the hint may be stale). */
    private Party guestParty(String tenant, String event, String guestId, String householdHint, boolean withHouseholds) {
        List<String> hinted = withHouseholds && householdHint != null ? List.of(householdHint) : List.of();
        var read = setup.party(tenant, event, List.of(guestId), hinted);
        Guest guest = invited(read.guests().get(guestId));
        if (!withHouseholds || guest.householdId() == null) {
            return new Party(List.of(guest), Map.of());
        }
        Household household = read.households().get(guest.householdId());
        if (household == null) {
            household = setup.household(tenant, event, guest.householdId()).orElse(null);
        }
        return new Party(List.of(guest), household == null ? Map.of() : Map.of(household.id(), household));
    }

    private Pass pass(String tenant, String event, String token, boolean online) {
        // never online: a hash that leaked from storage must not work as a pass at the door
        Pass pass = passes.find(tenant, token).or(() -> online ? Optional.empty() : passes.findStored(tenant, token))
                .orElseThrow(() -> new DoorRefusal(Kind.PASS_UNKNOWN, "Pass unknown"));
        if (!pass.eventId().equals(event)) {
            throw new DoorRefusal(Kind.NOT_INVITED, "This pass is for another event");
        }
        return pass;
    }

    private static Guest invited(Guest guest) {
        if (guest == null) {
            throw new DoorRefusal(Kind.NOT_INVITED, "Guest not on this event");
        }
        if (guest.rsvp() == Guest.Rsvp.DECLINED) {
            throw new DoorRefusal(Kind.NOT_INVITED, "Guest declined the invitation");
        }
        return guest;
    }

    private static String zoneId(EventContext context, Guest guest) {
        var zone = context.placementOf(guest).zone();
        return zone == null ? null : zone.id();
    }

    private static ObjectNode successPayload(CheckinRequest request, List<Scan> claimed, Actor actor) {
        ObjectNode payload = Json.MAPPER.createObjectNode().put("event", request.eventId()).put("mode", request.mode());
        if (isHouseholdScan(request.identity())) {
            // the server never stores pass tokens (nor codes), so a household check-in is recorded by its members' ids
            claimed.forEach(s -> payload.withArray("guest_ids").add(s.guestId()));
        } else {
            payload.put("guest_id", claimed.getFirst().guestId());
        }
        return payload.put("checkin_id", request.checkinId()).put("scanned_at", request.scannedAt())
                .put("device_id", actor.deviceId());
    }

    // ---------- check-out ----------

    /**
     * Marks a checked-in guest out (SPEC §17): they stay checked in once, leave their zone's headcount and the roll
     * call, and their next scan at the door is a re-entry. Refused with {@code 409 not_checked_in} for a guest never
     * checked in (or undone), {@code 409 already_checked_out} for one out by another check-out.
     *
     * <p>Offline (a {@code checkin.checkout} upload), presence follows the guest's door scans in scan-time order:
     * the check-in itself stays earliest-wins, but the state keeps the guest's latest entry scan and, while they
     * are out, their latest exit scan; whichever is later says where the guest is. A check-out counts only if
     * scanned after the latest entry (or moves a later exit forward), a re-entry only if scanned after the exit
     * that holds — so uploads arriving in any order end in the state their latest scan says. An older check-out is
     * refused ({@code already_checked_in} / {@code already_checked_out}) and quarantined like any fact not applied;
     * one uploaded before any check-in of the guest is known is refused {@code not_checked_in} (an admin replay of
     * the quarantine applies it once the check-in is in).
     */
    public Checkout checkOut(Actor actor, CheckoutRequest request, boolean online, Runnable beforeWrite) {
        String tenant = actor.tenantId();
        Located located = locate(tenant, request.eventId(), context -> door(context, actor.stopId()), request.identity(),
                false, online);
        StopDoor door = located.door();
        String ledger = door.ledger();
        Guest guest = located.party().guests().getFirst();
        Optional<Scan> state = store.state(tenant, ledger, guest.id());
        beforeWrite.run();
        for (int round = 0; round < MAX_ARBITRATION_ROUNDS; round++) {
            Scan held = state.orElseThrow(() -> new DoorRefusal(Kind.NOT_CHECKED_IN, "This guest is not checked in"));
            if (held.isOut()) {
                if (held.exit().checkoutId().equals(request.checkoutId())) {
                    return checkout(request, guest, held.exit().at(), true);
                }
                if (online || request.scannedAt() <= held.exit().at()) {
                    throw new DoorRefusal(Kind.ALREADY_CHECKED_OUT, "This guest was checked out by another scan");
                }
                Scan.Exit later = new Scan.Exit(request.checkoutId(), request.scannedAt(), actor.deviceId());
                if (store.moveExit(tenant, ledger, held, later, DoorAudit.checkout(actor, request.eventId(),
                        guest.id(), later, false, clock.millis())) == CheckinLedger.Move.MOVED) {
                    return checkout(request, guest, later.at(), false);
                }
                state = store.state(tenant, ledger, guest.id());
                continue;
            }
            if (!online && request.scannedAt() <= held.enteredAt()) {
                throw new DoorRefusal(Kind.ALREADY_CHECKED_IN, "The guest came in after this check-out was scanned");
            }
            Scan.Exit exit = new Scan.Exit(request.checkoutId(), request.scannedAt(), actor.deviceId());
            var audit = DoorAudit.checkout(actor, request.eventId(), guest.id(), exit, online, clock.millis());
            if (store.checkOut(tenant, ledger, held, exit, audit) == CheckinLedger.Move.MOVED) {
                return checkout(request, guest, exit.at(), false);
            }
            state = store.state(tenant, ledger, guest.id());
        }
        throw new DoorRefusal(Kind.UNAVAILABLE, "The guest's check-in kept changing; retry");
    }

    private static Checkout checkout(CheckoutRequest request, Guest guest, long at, boolean repeated) {
        return new Checkout(request.checkoutId(), guest.id(), guest.firstName(), guest.lastInitial(), at, "out", repeated);
    }

    // ---------- undo ----------

    /**
     * Undoes a check-in within {@link #UNDO_WINDOW_MILLIS} of its recording, by the device that made it or an ops user.
     * The window protects guests, so it runs on the server's clock (SPEC §14): from when the server recorded the
     * check-in to {@code undoneAt}, the server's time of the undo (online: now; offline: when ingest received it).
     */
    public Undone undo(Actor actor, String event, String checkinId, long undoneAt, boolean online) {
        String tenant = actor.tenantId();
        EventContext context = context(tenant, event);
        List<String> guestIds = guestsOfCheckin(tenant, event, checkinId);
        // the check-in's stop is wherever it holds: an ops user undoes at any stop, and the raw event names none
        StopDoor door = door(context, null);
        List<Scan> holding = List.of();
        for (var stop : context.definition().effectiveStops()) {
            door = StopDoor.of(event, context.definition(), stop);
            holding = store.states(tenant, door.ledger(), guestIds).values().stream()
                    .filter(s -> s.checkinId().equals(checkinId)).toList();
            if (!holding.isEmpty()) {
                break;
            }
        }
        String undoId = RawEvents.undoEventId(checkinId);
        if (holding.isEmpty()) {
            if (events.envelope(tenant, undoId).isPresent()) {
                return new Undone(checkinId, guestIds, undoneAt, true);
            }
            throw new DoorRefusal(Kind.NOT_FOUND, "No check-in counts under this id");
        }
        if (!actor.mayUndoAny() && holding.stream().anyMatch(s -> !s.deviceId().equals(actor.deviceId()))) {
            throw new DoorRefusal(Kind.FORBIDDEN, "Only the device that checked in, or an ops user, may undo");
        }
        long recordedAt = holding.stream().mapToLong(Scan::recordedAt).min().orElseThrow();
        if (undoneAt - recordedAt > UNDO_WINDOW_MILLIS) {
            throw new DoorRefusal(Kind.UNDO_WINDOW_PASSED, "A check-in can be undone within 15 minutes");
        }
        var raw = !online ? null : RawEvents.item(actor, undoId, "checkin.undo", null, undoneAt,
                Json.MAPPER.createObjectNode().put("checkin_id", checkinId).put("event", event), clock.millis());
        var audit = DoorAudit.undo(actor, event, checkinId, holding, online, undoneAt, clock.millis());
        return switch (store.release(tenant, door.ledger(), holding, raw, audit)) {
            case RELEASED -> new Undone(checkinId, holding.stream().map(Scan::guestId).toList(), undoneAt, false);
            case ALREADY_RECORDED -> new Undone(checkinId, guestIds, undoneAt, true);
            case NOT_HELD -> throw new DoorRefusal(Kind.NOT_FOUND, "No check-in counts under this id");
        };
    }

    /** The guests a check-in named, read from its raw event (online: written with it; offline: the upload). */
    private List<String> guestsOfCheckin(String tenant, String event, String checkinId) {
        JsonNode envelope = events.envelope(tenant, RawEvents.checkinEventId(checkinId))
                .or(() -> events.envelope(tenant, checkinId))
                .filter(e -> "checkin.success".equals(e.path("event_name").asText()))
                .orElseThrow(() -> new DoorRefusal(Kind.NOT_FOUND, "No such check-in"));
        JsonNode payload = envelope.path("payload");
        if (!event.equals(payload.path("event").asText())) {
            throw new DoorRefusal(Kind.NOT_FOUND, "No such check-in");
        }
        if (payload.has("guest_ids")) {
            List<String> ids = new ArrayList<>();
            payload.get("guest_ids").forEach(id -> ids.add(id.asText()));
            return ids;
        }
        if (payload.has("guest_id")) {
            return List.of(payload.get("guest_id").asText());
        }
        return passes.findStored(tenant, payload.path("pass").asText()).map(Pass::guestId).map(List::of)
                .orElseThrow(() -> new DoorRefusal(Kind.NOT_FOUND, "No such check-in"));
    }

    // ---------- arrivals ----------

    /** Records a guest's first arrival at a table and the door→seat time from the check-in that counts. */
    public ArrivalAnswer arrive(Actor actor, ArrivalRequest request, boolean online) {
        String tenant = actor.tenantId();
        // the arrival's door is the stop with seating (or the device's), chosen once the guest is known, as before
        Located located = locate(tenant, request.eventId(), context -> null, request.identity(), false, online);
        EventContext context = located.context();
        Guest guest = located.party().guests().getFirst();
        Long doorToSeat = store.state(tenant, seatedDoor(context, actor).ledger(), guest.id())
                .map(s -> request.arrivedAt() - s.checkedInAt()).filter(ms -> ms >= 0).orElse(null);
        var arrival = new CheckinLedger.Arrival(guest.id(), request.tableId(), request.arrivedAt(), request.confirmMode(),
                actor.deviceId(), doorToSeat);
        var raw = !online ? null : RawEvents.item(actor, RawEvents.arrivalEventId(tenant, request.eventId(), guest.id()),
                "wayfinding.arrive_table", request.sessionId(), request.arrivedAt(),
                Json.MAPPER.createObjectNode().put("event", request.eventId()).put("table_id", request.tableId())
                        .put("confirm_mode", request.confirmMode()).put("guest_id", guest.id())
                        .put("arrived_at", request.arrivedAt()), clock.millis());
        var placement = context.placementOf(guest);
        return switch (store.arrive(tenant, request.eventId(), arrival, raw)) {
            case CheckinLedger.ArrivalClaim.Recorded r -> answer(arrival, placement, false);
            case CheckinLedger.ArrivalClaim.Earlier earlier -> answer(earlier.first(), placement, true);
        };
    }

    /**
     * Where a guest came in before reaching a table: the actor's stop when it is set, else the first stop with
     * seating (table devices are set to no stop, and a ceremony without seating has no tables to walk to).
     */
    private static StopDoor seatedDoor(EventContext context, Actor actor) {
        if (actor.stopId() != null) {
            return door(context, actor.stopId());
        }
        var stops = context.definition().effectiveStops();
        return StopDoor.of(context.eventId(), context.definition(),
                stops.stream().filter(EventDefinition.Stop::hasSeating).findFirst().orElse(stops.getFirst()));
    }

    private static ArrivalAnswer answer(CheckinLedger.Arrival arrival, EventContext.Placement placement, boolean repeated) {
        var expected = placement.table();
        return new ArrivalAnswer(arrival.guestId(), arrival.tableId(), arrival.arrivedAt(),
                arrival.doorToSeatMillis() == null ? null : arrival.doorToSeatMillis() / 1000.0,
                expected == null ? null : expected.id().equals(arrival.tableId()),
                expected == null ? null : expected.label(), repeated);
    }
}
