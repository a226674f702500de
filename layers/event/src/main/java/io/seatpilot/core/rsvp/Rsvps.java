package io.seatpilot.core.rsvp;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.PassStore;
import io.seatpilot.core.auth.PassTokens;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.audit.AuditLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * RSVP (SPEC §16): a guest's pass token — or their household's, which answers for every member — opens the party's
 * invitation: which stops each member is invited to, their answers, companions and dietary choice. Answers change
 * until the event's {@code rsvp_deadline}; each change updates the guest's overall RSVP (what the door and the
 * seating engine read) and is appended to the event's audit.
 */
public final class Rsvps {

    /** The dietary choices the page offers: a list, so what reaches the kitchen is countable. */
    public static final List<String> DIETARY_CHOICES = List.of("none", "vegetarian", "vegan", "gluten_free",
            "lactose_free", "halal", "kosher", "nut_allergy", "shellfish_allergy");
    private static final Set<String> STATUSES = Set.of("yes", "no");

    private final PassStore passes;
    private final EventSetupStore guests;
    private final RsvpStore answers;
    private final AuditLog audit;

    public Rsvps(PassStore passes, EventSetupStore guests, RsvpStore answers, AuditLog audit) {
        this.passes = passes;
        this.guests = guests;
        this.answers = answers;
        this.audit = audit;
    }

    /** Whose invitation a token opens: the tenant and event, the party's guests, who holds the token. */
    public record Party(String tenant, String event, EventDefinition definition, List<Guest> guests, String holder) {
    }

    /** One stop of one guest as the page shows it: {@code status} yes, no, or null (not answered yet). */
    public record StopAnswer(String stopId, String name, Long startsAt, String venue, String address, String status) {
    }

    public record GuestAnswers(String guestId, String firstName, int maxCompanions, String dietary, List<StopAnswer> stops) {
    }

    public record View(Party party, boolean open, List<GuestAnswers> guests, int companions, int maxCompanions) {
    }

    public View view(String token, long now) {
        Party party = party(token);
        Map<String, RsvpStore.Answers> stored = answers.answers(party.tenant(), party.event(),
                party.guests().stream().map(Guest::id).toList());
        List<GuestAnswers> list = new ArrayList<>();
        for (Guest guest : party.guests()) {
            Map<String, String> byStop = stored.containsKey(guest.id()) ? stored.get(guest.id()).byStop() : Map.of();
            list.add(new GuestAnswers(guest.id(), guest.firstName(), guest.invitation().maxCompanions(),
                    guest.dietary() != null && DIETARY_CHOICES.contains(guest.dietary()) ? guest.dietary() : null,
                    party.definition().stopsOf(guest).stream().map(s -> new StopAnswer(s.id(), s.name(), s.startsAt(),
                            s.venue(), s.address(), byStop.get(s.id()))).toList()));
        }
        return new View(party, party.definition().rsvpOpen(now), list,
                answers.companions(party.tenant(), party.event(), party.holder()), maxCompanions(party));
    }

    /** Stores the answers of a request shaped as SPEC §16 says; answers the party's view after the change. */
    public View answer(String token, JsonNode body, long now) {
        Party party = party(token);
        if (!party.definition().rsvpOpen(now)) {
            throw new ApiException(Reason.RSVP_CLOSED, "Answers closed at the RSVP deadline");
        }
        Map<String, Guest> members = party.guests().stream()
                .collect(Collectors.toMap(Guest::id, g -> g, (a, b) -> a, LinkedHashMap::new));
        Map<String, Map<String, String>> byGuest = responses(body, party, members);
        Integer companions = companions(body, party);
        Map<String, String> dietary = dietary(body, members);

        Map<String, RsvpStore.Answers> stored = answers.answers(party.tenant(), party.event(), byGuest.keySet());
        List<RsvpStore.Answers> changed = new ArrayList<>();
        List<Guest> updated = new ArrayList<>();
        Set<String> touched = new java.util.LinkedHashSet<>(byGuest.keySet());
        touched.addAll(dietary.keySet());
        for (String guestId : touched) {
            Map<String, String> merged = new LinkedHashMap<>(stored.containsKey(guestId) ? stored.get(guestId).byStop() : Map.of());
            merged.putAll(byGuest.getOrDefault(guestId, Map.of()));
            changed.add(new RsvpStore.Answers(guestId, merged, now));
            Guest opened = members.get(guestId);
            updated.add(withAnswers(opened, overall(party.definition(), opened, merged),
                    dietary.getOrDefault(guestId, opened.dietary())));
        }
        answers.save(party.tenant(), party.event(), changed, party.holder(), companions);
        guests.upsertGuests(party.tenant(), party.event(), updated, List.of());
        for (RsvpStore.Answers a : changed) {
            Map<String, String> details = new LinkedHashMap<>();
            a.byStop().forEach((stop, status) -> details.put("stop_" + stop, status));
            if (dietary.containsKey(a.guestId())) {
                details.put("dietary", "changed");
            }
            if (companions != null) {
                details.put("companions", Integer.toString(companions));
            }
            audit.append(party.tenant(), new AuditLog.Entry(UUID.randomUUID().toString(), party.event(), "rsvp.answered",
                    "pass:" + party.holder(), a.guestId(), now, details));
        }
        return view(token, now);
    }

    /** Confirmed when any invited stop is a yes, declined when every invited stop is a no, pending otherwise. */
    static Guest.Rsvp overall(EventDefinition event, Guest guest, Map<String, String> byStop) {
        List<String> invited = event.stopsOf(guest).stream().map(EventDefinition.Stop::id).toList();
        if (invited.stream().anyMatch(s -> "yes".equals(byStop.get(s)))) {
            return Guest.Rsvp.CONFIRMED;
        }
        return !invited.isEmpty() && invited.stream().allMatch(s -> "no".equals(byStop.get(s)))
                ? Guest.Rsvp.DECLINED : Guest.Rsvp.PENDING;
    }

    private Party party(String token) {
        String tenant = PassTokens.tenantOf(token).orElseThrow(() -> new ApiException(Reason.PASS_UNKNOWN, "Pass unknown"));
        var pass = passes.find(tenant, token).orElseThrow(() -> new ApiException(Reason.PASS_UNKNOWN, "Pass unknown"));
        EventDefinition definition = guests.event(tenant, pass.eventId())
                .orElseThrow(() -> new ApiException(Reason.PASS_UNKNOWN, "Pass unknown"));
        List<String> ids = pass.isHousehold()
                ? guests.household(tenant, pass.eventId(), pass.householdId()).map(h -> h.members().stream()
                        .map(m -> m.guestId()).toList()).orElse(List.of())
                : List.of(pass.guestId());
        // opened: the page shows back the dietary choice the guest made (the only personal field it shows)
        List<Guest> party = ids.stream().map(id -> guests.openGuest(tenant, pass.eventId(), id)).flatMap(java.util.Optional::stream)
                .filter(g -> !g.firstName().isEmpty()).toList();
        if (party.isEmpty()) {
            throw new ApiException(Reason.PASS_UNKNOWN, "Pass unknown");
        }
        return new Party(tenant, pass.eventId(), definition, party, pass.isHousehold() ? pass.householdId() : pass.guestId());
    }

    private static Map<String, Map<String, String>> responses(JsonNode body, Party party, Map<String, Guest> members) {
        JsonNode list = body.path("responses");
        if (!list.isArray() || list.isEmpty() || list.size() > 200) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "responses", "responses is a list of 1 to 200 answers");
        }
        Map<String, Map<String, String>> byGuest = new LinkedHashMap<>();
        for (JsonNode response : list) {
            String guestId = response.path("guest_id").asText("");
            String stopId = response.path("stop_id").asText("");
            String status = response.path("status").asText("");
            Guest guest = members.get(guestId);
            if (guest == null) {
                throw ApiException.field(Reason.FORBIDDEN, "responses.guest_id", "This invitation does not answer for that guest");
            }
            if (party.definition().stopsOf(guest).stream().noneMatch(s -> s.id().equals(stopId))) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "responses.stop_id", "The guest is not invited to that stop");
            }
            if (!STATUSES.contains(status)) {
                throw ApiException.field(Reason.INVALID_ENUM, "responses.status", "status is yes or no");
            }
            byGuest.computeIfAbsent(guestId, g -> new LinkedHashMap<>()).put(stopId, status);
        }
        return byGuest;
    }

    private static Integer companions(JsonNode body, Party party) {
        JsonNode value = body.get("companions");
        if (value == null || value.isNull()) {
            return null;
        }
        int max = maxCompanions(party);
        if (!value.canConvertToExactIntegral() || value.asInt() < 0 || value.asInt() > max) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "companions", "companions is a whole number from 0 to " + max);
        }
        return value.asInt();
    }

    private static int maxCompanions(Party party) {
        return party.guests().stream().mapToInt(g -> g.invitation().maxCompanions()).sum();
    }

    /** {@code "dietary": {"<guest id>": "<choice>"}}, choices from {@link #DIETARY_CHOICES}. */
    private static Map<String, String> dietary(JsonNode body, Map<String, Guest> members) {
        JsonNode value = body.get("dietary");
        Map<String, String> choices = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return choices;
        }
        if (!value.isObject()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "dietary", "dietary maps guest ids to a choice of the list");
        }
        value.fields().forEachRemaining(entry -> {
            if (!members.containsKey(entry.getKey())) {
                throw ApiException.field(Reason.FORBIDDEN, "dietary", "This invitation does not answer for that guest");
            }
            if (!DIETARY_CHOICES.contains(entry.getValue().asText(""))) {
                throw ApiException.field(Reason.INVALID_ENUM, "dietary", "dietary is one of " + DIETARY_CHOICES);
            }
            choices.put(entry.getKey(), entry.getValue().asText());
        });
        return choices;
    }

    private static Guest withAnswers(Guest g, Guest.Rsvp rsvp, String dietary) {
        return new Guest(g.id(), g.firstName(), g.lastName(), g.householdId(), g.tags(), rsvp, dietary, g.notes(),
                g.tableId(), g.seat(), g.invitation());
    }
}
