package io.seatpilot.core.event;

import io.seatpilot.core.auth.PassTokens;

import io.seatpilot.core.store.Ids;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.snapstart.FreshRandom;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Event set-up rules (SPEC §6), independent of HTTP: validate, then hand to the stores. */
public final class EventSetup {

    private static final Pattern LETTER = Pattern.compile("[A-Z]{1,2}");
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}|[a-z][a-z -]{0,31}");
    private static final Pattern LABEL = Pattern.compile("[^\\p{Cntrl}]{1,32}");
    private static final Set<String> EXIT_STATUSES = Set.of("OPEN", "CLOSED", "BLOCKED");
    private static final Set<String> TABLE_FIELDS = Set.of("id", "label", "zone", "capacity", "shape", "tags", "x", "y", "seats");
    private static final int MAX_TABLES = 500;
    /**
     * The definition is stored as one DynamoDB item (400 KB): the body bound keeps any definition far below it, and
     * the bounds below keep each part small enough to show on a door screen.
     */
    public static final int MAX_EVENT_BODY_BYTES = 128 * 1024;
    private static final int MAX_PLACES = 100;
    private static final Pattern PLACE_NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");
    private static final Pattern ADDRESS = Pattern.compile("[^\\p{Cntrl}]{1,200}");
    private static final int MAX_ZONE_CAPACITY = 100_000;

    private final EventSetupStore store;
    private final PassStore passes;
    private final FreshRandom random;
    private final OnCallSubscriptions onCall;

    public EventSetup(EventSetupStore store, PassStore passes, FreshRandom random, OnCallSubscriptions onCall) {
        this.store = store;
        this.passes = passes;
        this.random = random;
        this.onCall = onCall;
    }

    /** Rows written, households touched (guest imports only), and one error per refused row. */
    public record ImportResult(int imported, int households, List<RowError> errors) {
    }

    /** Answers true when the event was created. */
    public boolean putEvent(String tenant, String eventId, JsonNode body, long now) {
        Ids.requireEvent(eventId);
        for (String list : List.of("zones", "exits", "muster_points", "stops")) {
            if (body.path(list).isArray() && body.path(list).size() > MAX_PLACES) {
                throw ApiException.field(Reason.PAYLOAD_TOO_LARGE, list, "At most " + MAX_PLACES + " " + list + " per event");
            }
        }
        if (body.path("on_call").isArray() && body.path("on_call").size() > EventDefinition.OnCallContact.MAX_PER_EVENT) {
            throw ApiException.field(Reason.PAYLOAD_TOO_LARGE, "on_call", "At most " + EventDefinition.OnCallContact.MAX_PER_EVENT
                    + " on-call contacts per event");
        }
        EventDefinition definition;
        try {
            definition = Json.MAPPER.treeToValue(body, EventDefinition.class);
        } catch (JsonProcessingException e) {
            throw new ApiException(Reason.VALIDATION_FAILED, "Body does not match the event shape: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        validate(definition);
        boolean created = store.putEvent(tenant, eventId, definition, now);
        // after the definition is stored: a failed sync fails the request, and the admin's retry syncs again
        onCall.subscribe(tenant, eventId, definition.onCall());
        return created;
    }

    private static void validate(EventDefinition event) {
        if (event.name() == null || event.name().isBlank() || event.name().length() > 200) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "name", "name is required, at most 200 characters");
        }
        if (event.kind() == null || !EventDefinition.KINDS.contains(event.kind())) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "kind", "kind must be one of " + EventDefinition.KINDS);
        }
        if (event.startsAt() != null && event.startsAt() <= 0) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "starts_at", "starts_at must be epoch milliseconds");
        }
        if (event.timezone() != null) {
            try {
                ZoneId.of(event.timezone());
            } catch (DateTimeException e) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "timezone", "timezone must be an IANA zone id");
            }
        }
        requireName(event.venue(), "venue");
        require(event.defaultLocale() == null || Languages.SUPPORTED.contains(event.defaultLocale()), "default_locale",
                "default_locale must be one of " + Languages.SUPPORTED);
        Set<String> ids = new HashSet<>();
        Set<String> letters = new HashSet<>();
        for (var zone : event.zones()) {
            require(zone.id() != null && Ids.ITEM.matcher(zone.id()).matches() && ids.add(zone.id()), "zones.id",
                    "each zone needs a unique id");
            require(zone.letter() != null && LETTER.matcher(zone.letter()).matches() && letters.add(zone.letter()),
                    "zones.letter", "each zone needs a unique letter A-Z (colour is never shown alone)");
            require(zone.color() != null && COLOR.matcher(zone.color()).matches(), "zones.color",
                    "zone colour must be #rrggbb or a colour name");
            require(zone.capacity() == null || zone.capacity() > 0 && zone.capacity() <= MAX_ZONE_CAPACITY, "zones.capacity",
                    "capacity must be between 1 and " + MAX_ZONE_CAPACITY);
            requireName(zone.name(), "zones.name");
        }
        for (var exit : event.exits()) {
            require(exit.id() != null && Ids.ITEM.matcher(exit.id()).matches(), "exits.id", "each exit needs an id");
            requireName(exit.name(), "exits.name");
            require(exit.status() == null || EXIT_STATUSES.contains(exit.status()), "exits.status",
                    "exit status must be OPEN, CLOSED or BLOCKED");
        }
        Set<String> stopIds = new HashSet<>();
        for (var stop : event.stops()) {
            require(stop.id() != null && Ids.ITEM.matcher(stop.id()).matches() && stopIds.add(stop.id()), "stops.id",
                    "each stop needs a unique id");
            requireName(stop.name(), "stops.name");
            require(stop.startsAt() == null || stop.startsAt() > 0, "stops.starts_at", "starts_at must be epoch milliseconds");
            requireName(stop.venue(), "stops.venue");
            require(stop.address() == null || ADDRESS.matcher(stop.address()).matches(),
                    "stops.address", "an address is at most 200 characters, no control characters");
        }
        require(event.rsvpDeadline() == null || event.rsvpDeadline() > 0, "rsvp_deadline",
                "rsvp_deadline must be epoch milliseconds");
        for (var point : event.musterPoints()) {
            require(point.id() != null && Ids.ITEM.matcher(point.id()).matches(), "muster_points.id",
                    "each muster point needs an id");
            requireName(point.name(), "muster_points.name");
            require(point.zone() == null || Ids.ITEM.matcher(point.zone()).matches(), "muster_points.zone",
                    "a muster point's zone is a zone id");
        }
        Set<String> contacts = new HashSet<>();
        for (var contact : event.onCall()) {
            require((contact.phone() == null) != (contact.email() == null), "on_call",
                    "each on-call contact is either a phone or an email");
            if (contact.phone() != null) {
                require(ContactFormats.phone(contact.phone()).isPresent(), "on_call.phone",
                        "an on-call phone is a valid number with its country code, e.g. +34 600 111 222");
            } else {
                require(ContactFormats.email(contact.email()).isPresent(), "on_call.email",
                        "an on-call email is an address like ops@example.com");
            }
            require(contacts.add(contact.endpoint()), "on_call", "each on-call contact is listed once");
        }
    }

    /** Names are optional; when given they are shown on screens, so they are short and free of control characters. */
    private static void requireName(String name, String field) {
        require(name == null || PLACE_NAME.matcher(name).matches(), field, field + " is 1 to 100 characters, no control characters");
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw ApiException.field(Reason.VALIDATION_FAILED, field, message);
        }
    }

    /** Imports the rows that passed; a guest invited to a stop the event does not have is refused with its row. */
    public ImportResult importGuests(String tenant, String eventId, GuestImport.Parsed parsed) {
        EventDefinition event = requireEvent(tenant, eventId);
        Set<String> stops = new HashSet<>(event.effectiveStops().stream().map(EventDefinition.Stop::id).toList());
        List<Guest> accepted = new ArrayList<>();
        List<RowError> errors = new ArrayList<>(parsed.errors());
        for (Guest guest : parsed.guests()) {
            var unknown = guest.invitation().stops().stream().filter(s -> !stops.contains(s)).findFirst();
            if (unknown.isPresent()) {
                errors.add(new RowError(null, null, guest.id(), "stops", "The event has no stop " + unknown.get()));
            } else {
                accepted.add(guest);
            }
        }
        int households = store.upsertGuests(tenant, eventId, accepted, parsed.households());
        return new ImportResult(accepted.size(), households, errors);
    }

    public ImportResult putTables(String tenant, String eventId, JsonNode body) {
        EventDefinition event = requireEvent(tenant, eventId);
        if (!(body instanceof ObjectNode object) || !(object.get("tables") instanceof com.fasterxml.jackson.databind.node.ArrayNode rows)
                || object.size() != 1) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "tables", "Body must be {\"tables\":[…]}");
        }
        if (rows.size() > MAX_TABLES) {
            throw ApiException.field(Reason.PAYLOAD_TOO_LARGE, "tables", "At most " + MAX_TABLES + " tables per request");
        }
        List<TableLayout> tables = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String id = RowReader.idOf(rows.get(i));
            try {
                RowReader row = new RowReader(rows.get(i), TABLE_FIELDS);
                id = row.required("id", Ids.ITEM);
                if (!seen.add(id)) {
                    throw new RowReader.Refused("id", "Table " + id + " appears twice");
                }
                String zone = row.optional("zone", Ids.ITEM);
                if (zone != null && event.zone(zone).isEmpty()) {
                    throw new RowReader.Refused("zone", "Zone " + zone + " is not among the event's zones");
                }
                String shape = row.optionalText("shape", 16);
                if (shape != null && !TableLayout.SHAPES.contains(shape)) {
                    throw new RowReader.Refused("shape", "shape must be one of " + TableLayout.SHAPES);
                }
                Integer capacity = row.optionalInt("capacity", 1, 100);
                if (capacity == null) {
                    throw new RowReader.Refused("capacity", "capacity is required");
                }
                List<String> seats = new ArrayList<>(new LinkedHashSet<>(row.list("seats", 100)));
                if (seats.stream().anyMatch(s -> !LABEL.matcher(s).matches())) {
                    throw new RowReader.Refused("seats", "seat labels are 1 to 32 characters");
                }
                tables.add(new TableLayout(id, row.optional("label", LABEL) == null ? id : row.optional("label", LABEL),
                        zone, capacity, shape, row.tags("tags"), row.optionalNumber("x"), row.optionalNumber("y"), seats));
            } catch (RowReader.Refused refused) {
                errors.add(new RowError(null, "tables[" + i + "]", id, refused.field, refused.getMessage()));
            }
        }
        store.putTables(tenant, eventId, tables);
        return new ImportResult(tables.size(), 0, errors);
    }

    /**
     * Passes one request issues at most (guests and households). Each costs a PBKDF2 code hash (about 3.5 ms of a
     * core) and a conditional put; at this bound the function's two vCPUs (template: MemorySize) finish well inside
     * the gateway's 30 s. Larger events issue in parts with {@code guest_ids} (bench/RESULTS.md, issue 13).
     */
    public static final int MAX_PASSES_PER_REQUEST = GuestImport.MAX_ROWS;

    /**
     * Issues one pass per guest (all guests, or {@code guest_ids}) and, with {@code households: true}, one per
     * household. A pass issued again replaces the guest's (or household's) earlier one, which is then unknown, and
     * so does its short code: every pass comes with a new one. More than {@link #MAX_PASSES_PER_REQUEST} at once
     * is refused before any is issued ({@code 422}, {@code field: guest_ids}).
     */
    public List<IssuedPass> issuePasses(String tenant, String eventId, JsonNode body, long now) {
        requireEvent(tenant, eventId);
        if (body != null && !(body instanceof ObjectNode)) {
            throw new ApiException(Reason.VALIDATION_FAILED, "Body must be a JSON object");
        }
        List<String> wanted;
        try {
            wanted = new RowReader(body == null ? Json.MAPPER.createObjectNode() : body, Set.of("guest_ids", "households"))
                    .list("guest_ids", GuestImport.MAX_ROWS);
        } catch (RowReader.Refused refused) {
            throw ApiException.field(Reason.VALIDATION_FAILED, refused.field, refused.getMessage());
        }
        boolean households = body != null && body.path("households").asBoolean(false);
        List<Guest> guests = store.guests(tenant, eventId);
        Set<String> wantedSet = Set.copyOf(wanted);
        List<IssuedPass> issued = new ArrayList<>();
        guests.stream().filter(g -> wantedSet.isEmpty() || wantedSet.contains(g.id()))
                .forEach(g -> issued.add(new IssuedPass(g.id(), null, PassTokens.issue(tenant, random))));
        if (households) {
            store.households(tenant, eventId).stream()
                    .filter(h -> wantedSet.isEmpty() || h.members().stream().anyMatch(m -> wantedSet.contains(m.guestId())))
                    .forEach(h -> issued.add(new IssuedPass(null, h.id(), PassTokens.issue(tenant, random))));
        }
        if (issued.size() > MAX_PASSES_PER_REQUEST) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "guest_ids", "This would issue " + issued.size()
                    + " passes; one request issues at most " + MAX_PASSES_PER_REQUEST + ": send guest_ids in parts");
        }
        Map<String, String> householdOfGuest = new HashMap<>();
        guests.stream().filter(g -> g.householdId() != null).forEach(g -> householdOfGuest.put(g.id(), g.householdId()));
        CodeHashing hashing = issued.isEmpty() ? null : passes.codeHashing(tenant, eventId, () -> CodeHashing.fresh(random));
        return passes.store(tenant, eventId, issued, householdOfGuest, now, () -> ShortCodes.issue(random), hashing);
    }

    private EventDefinition requireEvent(String tenant, String eventId) {
        Ids.requireEvent(eventId);
        return store.event(tenant, eventId).orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such event"));
    }
}
