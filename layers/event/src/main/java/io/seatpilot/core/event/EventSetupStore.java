package io.seatpilot.core.event;

import io.seatpilot.core.store.EventKeys;

import com.fasterxml.jackson.core.type.TypeReference;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.store.Batches;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import io.seatpilot.core.personal.PersonalFields;
import io.seatpilot.core.personal.SealedField;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Event set-up data: the event, guests with their name-index entries, households and tables. Imports are bulk
 * upserts (batch writes); they read the stored guests first only to retire stale index entries and household
 * memberships — a planner's edit, not a race-sensitive door operation.
 */
public final class EventSetupStore {

    private static final TypeReference<List<Household.Member>> MEMBERS = new TypeReference<>() { };

    private final DynamoDbClient dynamo;
    private final String table;
    private final Batches batches;
    private final PersonalFields personal;
    private final DoorListStamp doorList;

    /** For readers and writers that never handle personal fields (the door, seating, safety). */
    public EventSetupStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null);
    }

    /** {@code personal} seals e-mail, phone, dietary and notes on write and opens them for admins and planners. */
    public EventSetupStore(DynamoDbClient dynamo, String table, PersonalFields personal) {
        this.dynamo = dynamo;
        this.table = table;
        this.batches = new Batches(dynamo, table);
        this.personal = personal;
        this.doorList = new DoorListStamp(dynamo, table);
    }

    /** Answers true when the event was created, false when it was updated. */
    public boolean putEvent(String tenant, String event, EventDefinition definition, long now) {
        Map<String, AttributeValue> item = new HashMap<>(EventKeys.event(tenant, event));
        item.put("event_id", Items.s(event));
        item.put("name", Items.s(definition.name()));
        item.put("definition", Items.s(Json.write(definition)));
        item.put("updated_at", Items.n(now));
        var old = dynamo.putItem(b -> b.tableName(table).item(item)
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)).attributes();
        doorList.bump(tenant, event);
        return old == null || old.isEmpty();
    }

    public Optional<EventDefinition> event(String tenant, String event) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(EventKeys.event(tenant, event))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(Items.string(item, "definition").orElseThrow(), new TypeReference<EventDefinition>() { }));
    }

    /** Writes guests, their name-index entries and the households they join or leave; answers the households touched. */
    public int upsertGuests(String tenant, String event, List<Guest> guests, List<GuestImport.HouseholdRow> households) {
        Map<String, Map<String, AttributeValue>> before = new HashMap<>();
        batches.getAll(guests.stream().map(g -> EventKeys.item(tenant, event, EventKeys.GUEST, g.id())).toList())
                .forEach(item -> before.put(Items.string(item, Keys.SK).orElseThrow(), item));
        List<WriteRequest> writes = new ArrayList<>();
        Set<String> touchedHouseholds = new HashSet<>();
        for (Guest guest : guests) {
            writes.add(Batches.put(guestItem(tenant, event, guest, personal)));
            Set<String> keys = Names.indexKeys(guest.firstName(), guest.lastName());
            var old = before.get(guest.id());
            if (old != null) {
                Names.indexKeys(Items.string(old, "first_name").orElse(""), Items.string(old, "last_name").orElse(""))
                        .stream().filter(k -> !keys.contains(k))
                        .forEach(k -> writes.add(Batches.delete(nameKey(tenant, event, k, guest.id()))));
                Items.string(old, "household_id").ifPresent(touchedHouseholds::add);
            }
            keys.forEach(k -> writes.add(Batches.put(nameItem(tenant, event, k, guest))));
            if (guest.householdId() != null) {
                touchedHouseholds.add(guest.householdId());
            }
        }
        households.forEach(h -> touchedHouseholds.add(h.id()));
        writes.addAll(householdWrites(tenant, event, guests, households, touchedHouseholds));
        batches.writeAll(writes);
        doorList.bump(tenant, event);
        return touchedHouseholds.size();
    }

    private List<WriteRequest> householdWrites(String tenant, String event, List<Guest> guests,
                                               List<GuestImport.HouseholdRow> rows, Set<String> touched) {
        Map<String, Map<String, AttributeValue>> stored = new HashMap<>();
        batches.getAll(touched.stream().map(h -> EventKeys.item(tenant, event, EventKeys.HOUSEHOLD, h)).toList())
                .forEach(item -> stored.put(Items.string(item, Keys.SK).orElseThrow(), item));
        Map<String, String> names = new HashMap<>();
        rows.stream().filter(r -> r.name() != null).forEach(r -> names.put(r.id(), r.name()));
        Set<String> imported = new HashSet<>(guests.stream().map(Guest::id).toList());
        List<WriteRequest> writes = new ArrayList<>();
        for (String householdId : touched) {
            var item = stored.get(householdId);
            Map<String, Household.Member> members = new LinkedHashMap<>();
            if (item != null) {
                read(Items.string(item, "members").orElse("[]"), MEMBERS).stream()
                        .filter(m -> !imported.contains(m.guestId())).forEach(m -> members.put(m.guestId(), m));
            }
            guests.stream().filter(g -> householdId.equals(g.householdId()))
                    .forEach(g -> members.put(g.id(), new Household.Member(g.id(), g.firstName(), g.rsvp() == Guest.Rsvp.DECLINED)));
            String name = names.getOrDefault(householdId,
                    item == null ? householdId : Items.string(item, "name").orElse(householdId));
            if (members.isEmpty()) {
                writes.add(Batches.delete(EventKeys.item(tenant, event, EventKeys.HOUSEHOLD, householdId)));
                continue;
            }
            Map<String, AttributeValue> next = new HashMap<>(EventKeys.item(tenant, event, EventKeys.HOUSEHOLD, householdId));
            next.put("name", Items.s(name));
            next.put("members", Items.s(Json.write(List.copyOf(members.values()))));
            writes.add(Batches.put(next));
        }
        return writes;
    }

    public Optional<Guest> guest(String tenant, String event, String guestId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(EventKeys.item(tenant, event, EventKeys.GUEST, guestId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(guest(item));
    }

    public List<Guest> guests(String tenant, String event) {
        return query(EventKeys.partition(tenant, event, EventKeys.GUEST)).stream().map(EventSetupStore::guest).toList();
    }

    public Optional<Household> household(String tenant, String event, String householdId) {
        var item = dynamo.getItem(b -> b.tableName(table)
                .key(EventKeys.item(tenant, event, EventKeys.HOUSEHOLD, householdId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(household(item));
    }

    /**
     * Several guests and households in one {@code BatchGetItem}: a door scan knows from its pass (or its body)
     * whom it names, and reading them one by one was most of a check-in's time. Missing ones are simply absent.
     */
    public GuestBatch party(String tenant, String event, Collection<String> guestIds, Collection<String> householdIds) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        guestIds.stream().distinct().forEach(id -> keys.add(EventKeys.item(tenant, event, EventKeys.GUEST, id)));
        householdIds.stream().distinct().forEach(id -> keys.add(EventKeys.item(tenant, event, EventKeys.HOUSEHOLD, id)));
        String guestPartition = EventKeys.partition(tenant, event, EventKeys.GUEST);
        Map<String, Guest> guests = new HashMap<>();
        Map<String, Household> households = new HashMap<>();
        for (var item : batches.getAll(keys)) {
            if (guestPartition.equals(Items.string(item, Keys.PK).orElseThrow())) {
                Guest guest = guest(item);
                guests.put(guest.id(), guest);
            } else {
                Household household = household(item);
                households.put(household.id(), household);
            }
        }
        return new GuestBatch(guests, households);
    }

    public List<Household> households(String tenant, String event) {
        return query(EventKeys.partition(tenant, event, EventKeys.HOUSEHOLD)).stream().map(EventSetupStore::household).toList();
    }

    /** Guests whose folded name has a word sequence starting with {@code foldedPrefix}, each once, at most {@code limit}. */
    public List<NameHit> searchNames(String tenant, String event, String foldedPrefix, int limit) {
        Map<String, NameHit> hits = new LinkedHashMap<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            var page = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, EventKeys.NAME)),
                            ":prefix", Items.s(foldedPrefix)))
                    .limit(limit * 3).exclusiveStartKey(from));
            for (var item : page.items()) {
                String guestId = Items.string(item, "guest_id").orElseThrow();
                hits.putIfAbsent(guestId, new NameHit(guestId, Items.string(item, "first_name").orElse(""),
                        Items.string(item, "last_initial").orElse(""), Items.string(item, "household_id").orElse(null)));
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && hits.size() < limit);
        return hits.values().stream().limit(limit).toList();
    }

    public void putTables(String tenant, String event, List<TableLayout> tables) {
        batches.writeAll(tables.stream().map(t -> Batches.put(tableItem(tenant, event, t))).toList());
        doorList.bump(tenant, event);
    }

    public List<TableLayout> tables(String tenant, String event) {
        return query(EventKeys.partition(tenant, event, EventKeys.TABLE)).stream().map(EventSetupStore::table).toList();
    }

    /**
     * Strongly consistent, as {@link #event} is: the door list reads its {@link DoorListStamp} first and then these,
     * and a stale read after a fresh stamp would hand kiosks old data under the new version until the next change.
     */
    private List<Map<String, AttributeValue>> query(String pk) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(pk)))).items().stream().toList();
    }

    /**
     * The guest's item; personal fields go in sealed, and only through {@code personal}: a writer without it (or a
     * guest read at the door, whose personal fields are {@link Guest#WITHHELD}) cannot store them at all.
     */
    static Map<String, AttributeValue> guestItem(String tenant, String event, Guest guest, PersonalFields personal) {
        Map<String, AttributeValue> item = new HashMap<>(EventKeys.item(tenant, event, EventKeys.GUEST, guest.id()));
        Map<SealedField, String> sensitive = new EnumMap<>(SealedField.class);
        putIfPresent(sensitive, SealedField.EMAIL, guest.invitation().email());
        putIfPresent(sensitive, SealedField.PHONE, guest.invitation().phone());
        putIfPresent(sensitive, SealedField.DIETARY, guest.dietary());
        putIfPresent(sensitive, SealedField.NOTES, guest.notes());
        if (!sensitive.isEmpty()) {
            if (personal == null || sensitive.containsValue(Guest.WITHHELD)) {
                throw new IllegalStateException("Personal fields are written sealed, by the event set-up only");
            }
            item.putAll(personal.seal(tenant, event, guest.id(), sensitive));
        }
        optional(item, "locale", guest.invitation().locale());
        if (guest.invitation().maxCompanions() > 0) {
            item.put("max_companions", Items.n(guest.invitation().maxCompanions()));
        }
        if (!guest.invitation().stops().isEmpty()) {
            item.put("stops", AttributeValue.fromL(guest.invitation().stops().stream().map(Items::s).toList()));
        }
        item.put("first_name", Items.s(guest.firstName()));
        optional(item, "last_name", guest.lastName());
        optional(item, "household_id", guest.householdId());
        if (!guest.tags().isEmpty()) {
            item.put("tags", Items.ss(guest.tags()));
        }
        item.put("rsvp", Items.s(guest.rsvp().wire()));
        optional(item, "table_id", guest.tableId());
        optional(item, "seat", guest.seat());
        return item;
    }

    private static void putIfPresent(Map<SealedField, String> values, SealedField field, String value) {
        if (value != null) {
            values.put(field, value);
        }
    }

    /** A guest as the door and every other reader see it: personal fields {@link Guest#WITHHELD} when present. */
    static Guest guest(Map<String, AttributeValue> item) {
        return guest(item, Map.of());
    }

    private static Guest guest(Map<String, AttributeValue> item, Map<SealedField, String> opened) {
        return new Guest(Items.string(item, Keys.SK).orElseThrow(), Items.string(item, "first_name").orElse(""),
                Items.string(item, "last_name").orElse(null), Items.string(item, "household_id").orElse(null),
                new HashSet<>(Items.strings(item, "tags")),
                Guest.Rsvp.valueOf(Items.string(item, "rsvp").orElse("pending").toUpperCase(java.util.Locale.ROOT)),
                sealed(item, opened, SealedField.DIETARY), sealed(item, opened, SealedField.NOTES),
                Items.string(item, "table_id").orElse(null), Items.string(item, "seat").orElse(null),
                new Guest.Invitation(sealed(item, opened, SealedField.EMAIL), sealed(item, opened, SealedField.PHONE),
                        Items.string(item, "locale").orElse(null), (int) Items.number(item, "max_companions", 0),
                        item.containsKey("stops") && item.get("stops").hasL()
                                ? item.get("stops").l().stream().map(AttributeValue::s).toList() : List.of()));
    }

    private static String sealed(Map<String, AttributeValue> item, Map<SealedField, String> opened, SealedField field) {
        return opened.containsKey(field) ? opened.get(field) : PersonalFields.holds(item, field) ? Guest.WITHHELD : null;
    }

    /** The guest with personal fields opened: for admins and planners only (the caller checks the role). */
    public Optional<Guest> openGuest(String tenant, String event, String guestId) {
        if (personal == null) {
            throw new IllegalStateException("This function cannot open personal fields");
        }
        var item = dynamo.getItem(b -> b.tableName(table).key(EventKeys.item(tenant, event, EventKeys.GUEST, guestId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(guest(item, personal.open(tenant, event, guestId, item)));
    }

    /**
     * Erases a guest's personal data (SPEC §16): names, tags, contacts and sealed fields leave the guest item (which
     * stays, anonymous, so counts and check-in states keep adding up), the name-index entries go, the household
     * forgets the member's first name (and its own name when that carried the guest's last name). Passes are the
     * pass store's to revoke. Answers false when there is no such guest.
     */
    public boolean erase(String tenant, String event, String guestId, long now) {
        var key = EventKeys.item(tenant, event, EventKeys.GUEST, guestId);
        var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return false;
        }
        Guest guest = guest(item);
        Map<String, AttributeValue> anonymous = new HashMap<>(key);
        anonymous.put("first_name", Items.s(""));
        anonymous.put("rsvp", Items.s(guest.rsvp().wire()));
        optional(anonymous, "household_id", guest.householdId());
        optional(anonymous, "table_id", guest.tableId());
        optional(anonymous, "seat", guest.seat());
        anonymous.put("erased_at", Items.n(now));
        List<WriteRequest> writes = new ArrayList<>();
        writes.add(Batches.put(anonymous));
        Names.indexKeys(guest.firstName(), guest.lastName())
                .forEach(k -> writes.add(Batches.delete(nameKey(tenant, event, k, guestId))));
        batches.writeAll(writes);
        if (guest.householdId() != null) {
            forgetMember(tenant, event, guest);
        }
        doorList.bump(tenant, event);
        return true;
    }

    private void forgetMember(String tenant, String event, Guest guest) {
        household(tenant, event, guest.householdId()).ifPresent(household -> {
            List<Household.Member> members = household.members().stream()
                    .map(m -> m.guestId().equals(guest.id()) ? new Household.Member(m.guestId(), "", m.declined()) : m)
                    .toList();
            String name = carries(household.name(), guest.lastName()) || carries(household.name(), guest.firstName())
                    ? household.id() : household.name();
            Map<String, AttributeValue> next = new HashMap<>(EventKeys.item(tenant, event, EventKeys.HOUSEHOLD, household.id()));
            next.put("name", Items.s(name));
            next.put("members", Items.s(Json.write(members)));
            dynamo.putItem(b -> b.tableName(table).item(next));
        });
    }

    private static boolean carries(String text, String name) {
        return text != null && name != null && !name.isBlank() && Names.fold(text).contains(Names.fold(name));
    }

    private static Household household(Map<String, AttributeValue> item) {
        return new Household(Items.string(item, Keys.SK).orElseThrow(), Items.string(item, "name").orElse(""),
                read(Items.string(item, "members").orElse("[]"), MEMBERS));
    }

    /** Name-index entries carry only what a lookup answers, so a search is one query and no further reads. */
    private static Map<String, AttributeValue> nameItem(String tenant, String event, String key, Guest guest) {
        Map<String, AttributeValue> item = new HashMap<>(nameKey(tenant, event, key, guest.id()));
        item.put("guest_id", Items.s(guest.id()));
        item.put("first_name", Items.s(guest.firstName()));
        item.put("last_initial", Items.s(guest.lastInitial()));
        optional(item, "household_id", guest.householdId());
        item.put("rsvp", Items.s(guest.rsvp().wire()));
        return item;
    }

    static Map<String, AttributeValue> nameKey(String tenant, String event, String key, String guestId) {
        return EventKeys.item(tenant, event, EventKeys.NAME, key + "#" + guestId);
    }

    private static Map<String, AttributeValue> tableItem(String tenant, String event, TableLayout t) {
        Map<String, AttributeValue> item = new HashMap<>(EventKeys.item(tenant, event, EventKeys.TABLE, t.id()));
        item.put("label", Items.s(t.label()));
        optional(item, "zone", t.zone());
        item.put("capacity", Items.n(t.capacity()));
        optional(item, "shape", t.shape());
        if (!t.tags().isEmpty()) {
            item.put("tags", Items.ss(t.tags()));
        }
        if (t.x() != null) {
            item.put("x", AttributeValue.fromN(Double.toString(t.x())));
        }
        if (t.y() != null) {
            item.put("y", AttributeValue.fromN(Double.toString(t.y())));
        }
        if (!t.seatLabels().isEmpty()) {
            item.put("seat_labels", AttributeValue.fromL(t.seatLabels().stream().map(Items::s).toList()));
        }
        return item;
    }

    private static TableLayout table(Map<String, AttributeValue> item) {
        AttributeValue seats = item.get("seat_labels");
        return new TableLayout(Items.string(item, Keys.SK).orElseThrow(),
                Items.string(item, "label").orElse(Items.string(item, Keys.SK).orElseThrow()),
                Items.string(item, "zone").orElse(null), (int) Items.number(item, "capacity", 0),
                Items.string(item, "shape").orElse(null), new HashSet<>(Items.strings(item, "tags")),
                decimal(item, "x"), decimal(item, "y"),
                seats == null || !seats.hasL() ? List.of() : seats.l().stream().map(AttributeValue::s).toList());
    }

    private static Double decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : Double.valueOf(value.n());
    }

    private static void optional(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, Items.s(value));
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
