package io.seatpilot.core.checkin;

import io.seatpilot.core.event.GuestBatch;
import io.seatpilot.core.event.NameHit;
import io.seatpilot.core.event.OpenedPass;
import io.seatpilot.core.event.Pass;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.Household;
import io.seatpilot.core.event.Names;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Events, guest lists and passes in memory, per tenant as the stores keep them: a tenant finds only its own
 * events, guests and passes, whatever ids it names.
 */
final class InMemoryEvents implements EventContextSource, GuestDirectory, PassBook {

    private final Map<String, EventContext> contexts = new HashMap<>();
    private final Map<String, Guest> guests = new HashMap<>();
    private final Map<String, Household> households = new HashMap<>();
    private final Map<String, Pass> passes = new HashMap<>();
    private final Map<String, Pass> codes = new HashMap<>();
    private final Map<String, Map<String, String>> rsvps = new HashMap<>();

    InMemoryEvents event(String tenant, EventContext context) {
        contexts.put(key(tenant, context.eventId()), context);
        return this;
    }

    InMemoryEvents guest(String tenant, String event, Guest guest) {
        guests.put(key(tenant, event, guest.id()), guest);
        return this;
    }

    InMemoryEvents household(String tenant, String event, Household household) {
        households.put(key(tenant, event, household.id()), household);
        return this;
    }

    /** The guest's RSVP answer for one stop ("yes" or "no"), as the RSVP page stores it. */
    InMemoryEvents rsvp(String tenant, String event, String guestId, String stopId, String status) {
        rsvps.computeIfAbsent(key(tenant, event, guestId), k -> new HashMap<>()).put(stopId, status);
        return this;
    }

    InMemoryEvents pass(String tenant, String token, Pass pass) {
        passes.put(key(tenant, token), pass);
        return this;
    }

    InMemoryEvents code(String tenant, String code, Pass pass) {
        codes.put(key(tenant, pass.eventId(), code), pass);
        return this;
    }

    @Override
    public Optional<EventContext> context(String tenant, String eventId) {
        return Optional.ofNullable(contexts.get(key(tenant, eventId)));
    }

    @Override
    public GuestBatch party(String tenant, String event, Collection<String> guestIds,
                                       Collection<String> householdIds) {
        Map<String, Guest> foundGuests = new HashMap<>();
        guestIds.forEach(id -> Optional.ofNullable(guests.get(key(tenant, event, id))).ifPresent(g -> foundGuests.put(id, g)));
        Map<String, Household> foundHouseholds = new HashMap<>();
        householdIds.forEach(id -> household(tenant, event, id).ifPresent(h -> foundHouseholds.put(id, h)));
        return new GuestBatch(foundGuests, foundHouseholds);
    }

    @Override
    public Optional<Household> household(String tenant, String event, String householdId) {
        return Optional.ofNullable(households.get(key(tenant, event, householdId)));
    }

    @Override
    public Map<String, java.util.Set<String>> declinedStops(String tenant, String event, Collection<String> guestIds) {
        Map<String, java.util.Set<String>> declined = new HashMap<>();
        guestIds.forEach(id -> rsvps.getOrDefault(key(tenant, event, id), Map.of()).forEach((stop, status) -> {
            if (status.equals("no")) {
                declined.computeIfAbsent(id, g -> new java.util.HashSet<>()).add(stop);
            }
        }));
        return declined;
    }

    @Override
    public List<NameHit> searchNames(String tenant, String event, String foldedPrefix, int limit) {
        String prefix = key(tenant, event) + "|";
        return guests.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .filter(g -> Names.fold(g.firstName() + " " + g.lastName()).startsWith(foldedPrefix)
                        || Names.fold(g.lastName() + " " + g.firstName()).startsWith(foldedPrefix))
                .limit(limit)
                .map(g -> new NameHit(g.id(), g.firstName(), g.lastInitial(), g.householdId())).toList();
    }

    @Override
    public Optional<Pass> find(String tenant, String token) {
        return Optional.ofNullable(passes.get(key(tenant, token)));
    }

    /** Raw events keep no token here: nothing is found by a stored form. */
    @Override
    public Optional<Pass> findStored(String tenant, String storedForm) {
        return Optional.empty();
    }

    @Override
    public Optional<Pass> findByCode(String tenant, String event, String canonicalCode) {
        return Optional.ofNullable(codes.get(key(tenant, event, canonicalCode)));
    }

    @Override
    public Optional<OpenedPass> open(String tenant, String token) {
        return find(tenant, token).map(pass -> new OpenedPass(pass, Optional.empty()));
    }

    private static String key(String... parts) {
        return String.join("|", parts);
    }
}
