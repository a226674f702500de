package io.seatpilot.core.checkin;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.personal.GuestCheckins;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Batches;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import io.seatpilot.core.telemetry.EventStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Check-in state in DynamoDB. A guest's state item (one per guest) is the single point of truth: a check-in is
 * one transaction — the state item put only if absent, the event's counters, and the raw event — so two kiosks
 * racing for one guest are decided by DynamoDB's condition, and a refused transaction changes nothing. Three
 * small items keep a check-in at 6 write units (transactions bill two per item).
 */
public final class CheckinStore implements CheckinLedger, GuestCheckins {

    private static final int COUNTER_SHARDS = 8;
    private static final int CONFLICT_ATTEMPTS = 4;
    /** The counters' attribute that counts changes of who is checked in (see {@link #checkinChanges}). */
    private static final String LIST_CHANGES = "door_changes";

    private final DynamoDbClient dynamo;
    private final String table;

    public CheckinStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * One transaction per attempt: the state items (put only if absent), the counters, the raw event and the
     * audit entry, so the entry exists exactly when the check-in does and costs no call of its own.
     */
    @Override
    public Claims claim(String tenant, String event, List<Scan> scans, Function<List<Scan>, OnlineFact> rawEvent,
                        Function<List<Scan>, AuditLog.Entry> audit) {
        Map<String, Scan> held = new HashMap<>();
        List<Scan> remaining = new ArrayList<>(scans);
        while (!remaining.isEmpty()) {
            List<TransactWriteItem> items = new ArrayList<>();
            remaining.forEach(scan -> items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(stateItem(tenant, event, scan)).conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build()));
            items.add(counters(tenant, event, remaining.size(), 0, zoneDeltas(remaining, 1)));
            if (rawEvent != null) {
                items.add(putIfAbsent(rawItem(rawEvent.apply(remaining))));
            }
            if (audit != null) {
                items.add(putIfAbsent(AuditLog.item(tenant, audit.apply(remaining))));
            }
            try {
                transact(items);
                return new Claims(List.copyOf(remaining), held, false);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                List<Scan> next = new ArrayList<>();
                for (int i = 0; i < remaining.size(); i++) {
                    Scan scan = remaining.get(i);
                    if (failed(reasons, i)) {
                        var old = reasons.get(i).item();
                        held.put(scan.guestId(), old != null && !old.isEmpty() ? scan(old)
                                : state(tenant, event, scan.guestId()).orElseThrow(() -> e));
                    } else {
                        next.add(scan);
                    }
                }
                if (next.size() == remaining.size()) {
                    if (rawEvent != null && failed(reasons, remaining.size() + 1)) {
                        return new Claims(List.of(), held, true);
                    }
                    throw e;
                }
                remaining = next;
            }
        }
        return new Claims(List.of(), held, false);
    }

    @Override
    public boolean supersede(String tenant, String event, Scan earlier, Scan later, long now) {
        try {
            transact(List.of(
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(stateItem(tenant, event, earlier.withPresenceOf(later)))
                            .conditionExpression("checkin_id = :held")
                            .expressionAttributeValues(Map.of(":held", Items.s(later.checkinId()))).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(conflictItem(tenant, event, later, earlier, "superseded", now)).build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (failed(e.cancellationReasons(), 0)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void recordDuplicate(String tenant, String event, Scan loser, Scan winner, long now) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(conflictItem(tenant, event, loser, winner, "duplicate", now))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException alreadyKept) {
            // a redelivered upload: the conflict is on record already
        }
    }

    @Override
    public Release release(String tenant, String event, List<Scan> current, OnlineFact rawEvent, AuditLog.Entry audit) {
        List<TransactWriteItem> items = new ArrayList<>();
        current.forEach(scan -> items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(EventKeys.item(tenant, event, EventKeys.CHECKIN, scan.guestId()))
                .conditionExpression("checkin_id = :id")
                .expressionAttributeValues(Map.of(":id", Items.s(scan.checkinId()))).build()).build()));
        List<Scan> inside = current.stream().filter(s -> !s.isOut()).toList();
        items.add(counters(tenant, event, -current.size(), inside.size() - current.size(), zoneDeltas(inside, -1)));
        if (rawEvent != null) {
            items.add(putIfAbsent(rawItem(rawEvent)));
        }
        if (audit != null) {
            items.add(putIfAbsent(AuditLog.item(tenant, audit)));
        }
        try {
            transact(items);
            return Release.RELEASED;
        } catch (TransactionCanceledException e) {
            if (rawEvent != null && failed(e.cancellationReasons(), current.size() + 1)) {
                return Release.ALREADY_RECORDED;
            }
            for (int i = 0; i < current.size(); i++) {
                if (failed(e.cancellationReasons(), i)) {
                    return Release.NOT_HELD;
                }
            }
            throw e;
        }
    }

    /** One transaction with the audit entry. {@code STATE_CHANGED}: someone else moved first; read and decide again. */
    @Override
    public Move checkOut(String tenant, String event, Scan held, Scan.Exit exit, AuditLog.Entry audit) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(EventKeys.item(tenant, event, EventKeys.CHECKIN, held.guestId()))
                .updateExpression("SET out_id = :out, out_at = :at, out_device = :device")
                .conditionExpression("checkin_id = :held AND attribute_not_exists(out_id)")
                .expressionAttributeValues(Map.of(":out", Items.s(exit.checkoutId()), ":at", Items.n(exit.at()),
                        ":device", Items.s(exit.deviceId()), ":held", Items.s(held.checkinId()))).build()).build());
        items.add(counters(tenant, event, 0, 1, zoneDeltas(List.of(held), -1)));
        items.add(putIfAbsent(AuditLog.item(tenant, audit)));
        return move(items);
    }

    /** One transaction with the audit entry. */
    @Override
    public Move reenter(String tenant, String event, Scan held, Scan entry, AuditLog.Entry audit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":entry", Items.s(entry.checkinId()),
                ":entry_at", Items.n(entry.checkedInAt()), ":out", Items.s(held.exit().checkoutId()),
                ":held", Items.s(held.checkinId())));
        String set = "SET reentry_id = :entry, reentry_at = :entry_at";
        if (entry.zoneId() != null) {
            values.put(":zone", Items.s(entry.zoneId()));
            set += ", zone_id = :zone";
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(EventKeys.item(tenant, event, EventKeys.CHECKIN, held.guestId()))
                .updateExpression(set + (entry.zoneId() == null ? " REMOVE out_id, out_at, out_device, zone_id"
                        : " REMOVE out_id, out_at, out_device"))
                .conditionExpression("checkin_id = :held AND out_id = :out")
                .expressionAttributeValues(values).build()).build());
        items.add(counters(tenant, event, 0, -1, zoneDeltas(List.of(entry), 1)));
        items.add(putIfAbsent(AuditLog.item(tenant, audit)));
        return move(items);
    }

    @Override
    public Move markEntry(String tenant, String event, Scan held, Scan entry) {
        return move(List.of(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(EventKeys.item(tenant, event, EventKeys.CHECKIN, held.guestId()))
                .updateExpression("SET reentry_id = :entry, reentry_at = :entry_at")
                .conditionExpression("checkin_id = :held AND attribute_not_exists(out_id) AND "
                        + (held.reentryId() == null ? "attribute_not_exists(reentry_id)" : "reentry_id = :seen"))
                .expressionAttributeValues(held.reentryId() == null
                        ? Map.of(":entry", Items.s(entry.checkinId()), ":entry_at", Items.n(entry.checkedInAt()),
                                ":held", Items.s(held.checkinId()))
                        : Map.of(":entry", Items.s(entry.checkinId()), ":entry_at", Items.n(entry.checkedInAt()),
                                ":held", Items.s(held.checkinId()), ":seen", Items.s(held.reentryId()))).build()).build()));
    }

    @Override
    public Move moveExit(String tenant, String event, Scan held, Scan.Exit exit, AuditLog.Entry audit) {
        return move(List.of(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(EventKeys.item(tenant, event, EventKeys.CHECKIN, held.guestId()))
                        .updateExpression("SET out_id = :out, out_at = :at, out_device = :device")
                        .conditionExpression("checkin_id = :held AND out_id = :seen")
                        .expressionAttributeValues(Map.of(":out", Items.s(exit.checkoutId()), ":at", Items.n(exit.at()),
                                ":device", Items.s(exit.deviceId()), ":held", Items.s(held.checkinId()),
                                ":seen", Items.s(held.exit().checkoutId()))).build()).build(),
                putIfAbsent(AuditLog.item(tenant, audit))));
    }

    private Move move(List<TransactWriteItem> items) {
        try {
            transact(items);
            return Move.MOVED;
        } catch (TransactionCanceledException e) {
            if (failed(e.cancellationReasons(), 0)) {
                return Move.STATE_CHANGED;
            }
            throw e;
        }
    }

    @Override
    public ArrivalClaim arrive(String tenant, String event, Arrival arrival, OnlineFact rawEvent) {
        Map<String, AttributeValue> item = new HashMap<>(EventKeys.item(tenant, event, EventKeys.ARRIVAL, arrival.guestId()));
        item.put("table_id", Items.s(arrival.tableId()));
        item.put("arrived_at", Items.n(arrival.arrivedAt()));
        item.put("confirm_mode", Items.s(arrival.confirmMode()));
        item.put("device_id", Items.s(arrival.deviceId()));
        if (arrival.doorToSeatMillis() != null) {
            item.put("door_to_seat_ms", Items.n(arrival.doorToSeatMillis()));
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build());
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(counterShard(tenant, event))
                .updateExpression("ADD arrived :one").expressionAttributeValues(Map.of(":one", Items.n(1))).build()).build());
        if (rawEvent != null) {
            items.add(putIfAbsent(rawItem(rawEvent)));
        }
        try {
            transact(items);
            return new ArrivalClaim.Recorded();
        } catch (TransactionCanceledException e) {
            if (failed(e.cancellationReasons(), 0)) {
                var old = e.cancellationReasons().get(0).item();
                var first = old != null && !old.isEmpty() ? old : dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                        .key(EventKeys.item(tenant, event, EventKeys.ARRIVAL, arrival.guestId()))).item();
                return new ArrivalClaim.Earlier(new Arrival(arrival.guestId(), Items.string(first, "table_id").orElseThrow(),
                        Items.number(first, "arrived_at", 0), Items.string(first, "confirm_mode").orElse(null),
                        Items.string(first, "device_id").orElse(null),
                        first.containsKey("door_to_seat_ms") ? Items.number(first, "door_to_seat_ms", 0) : null));
            }
            throw e;
        }
    }

    @Override
    public List<GuestCheckins.Checkin> checkinsOf(String tenant, String event, EventDefinition definition, String guestId) {
        return definition.effectiveStops().stream().flatMap(stop -> state(tenant,
                        StopDoor.of(event, definition, stop).ledger(), guestId).stream()
                .map(scan -> new GuestCheckins.Checkin(stop.id(), scan.checkinId(), scan.checkedInAt(), scan.deviceId(),
                        scan.mode()))).toList();
    }

    @Override
    public Optional<Scan> state(String tenant, String event, String guestId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(EventKeys.item(tenant, event, EventKeys.CHECKIN, guestId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(scan(item));
    }

    @Override
    public Map<String, Scan> states(String tenant, String event, List<String> guestIds) {
        Map<String, Scan> states = new HashMap<>();
        new Batches(dynamo, table).getAll(guestIds.stream()
                        .map(id -> EventKeys.item(tenant, event, EventKeys.CHECKIN, id)).toList())
                .forEach(item -> {
                    Scan scan = scan(item);
                    states.put(scan.guestId(), scan);
                });
        return states;
    }

    /** The event's counters: the sum of their shards. */
    public DoorCounters counters(String tenant, String event) {
        long checkedIn = 0;
        long checkedOut = 0;
        long arrived = 0;
        Map<String, Long> zones = new HashMap<>();
        for (var item : dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, EventKeys.COUNTERS)))))
                .items()) {
            checkedIn += Items.number(item, "checked_in", 0);
            checkedOut += Items.number(item, "checked_out", 0);
            arrived += Items.number(item, "arrived", 0);
            item.forEach((name, value) -> {
                if (name.startsWith("zone_")) {
                    zones.merge(name.substring(5), Long.parseLong(value.n()), Long::sum);
                }
            });
        }
        zones.values().removeIf(n -> n == 0);
        return new DoorCounters(checkedIn, checkedOut, arrived, zones);
    }

    /**
     * How often the set of guests checked in has changed (check-ins and undos, each adds one): the door list's
     * version holds it, read from the few counter shards instead of every state item.
     */
    public long checkinChanges(String tenant, String event) {
        long changes = 0;
        for (var item : dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .projectionExpression(LIST_CHANGES)
                .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, EventKeys.COUNTERS)))))
                .items()) {
            changes += Items.number(item, LIST_CHANGES, 0);
        }
        return changes;
    }

    /** The state items of the guests checked in, one each (Ops Live's snapshot picks the latest for its feed). */
    public List<Map<String, AttributeValue>> checkins(String tenant, String event) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, EventKeys.CHECKIN)))))
                .items().stream().toList();
    }

    /** Conflicts of an event (duplicates and superseded scans), for Ops Live and tests. */
    public List<Map<String, AttributeValue>> conflicts(String tenant, String event) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, EventKeys.CONFLICT)))))
                .items().stream().toList();
    }

    /** Each scan's zone moved by {@code sign} (scans without a zone count in no zone). */
    private static Map<String, Long> zoneDeltas(List<Scan> scans, int sign) {
        Map<String, Long> zones = new TreeMap<>();
        scans.stream().filter(s -> s.zoneId() != null).forEach(s -> zones.merge(s.zoneId(), (long) sign, Long::sum));
        return zones;
    }

    /**
     * One update of the event's counters: guests checked in, guests out now, and guests inside per zone (the
     * zone counts are who is inside, so capacity alerts and headcounts follow check-outs and re-entries).
     */
    private TransactWriteItem counters(String tenant, String event, long checkedIn, long checkedOut, Map<String, Long> zones) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        if (checkedIn != 0) {
            values.put(":n", Items.n(checkedIn));
            values.put(":change", Items.n(1));
            // the set of guests checked in moved: the door list's version must (a check-in and its undo cancel out
            // in checked_in, never here)
            adds.add("checked_in :n, " + LIST_CHANGES + " :change");
        }
        if (checkedOut != 0) {
            values.put(":o", Items.n(checkedOut));
            adds.add("checked_out :o");
        }
        zones.forEach((zone, n) -> {
            String placeholder = "z" + names.size();
            names.put("#" + placeholder, "zone_" + zone);
            values.put(":" + placeholder, Items.n(n));
            adds.add("#" + placeholder + " :" + placeholder);
        });
        String expression = "ADD " + String.join(", ", adds);
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(counterShard(tenant, event)).updateExpression(expression)
                .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values).build()).build();
    }

    /**
     * Every door transaction adds to the counters, so one counter item would make concurrent check-ins collide
     * (DynamoDB cancels a transaction that meets another on the same item). Each transaction adds to a random
     * one of a few shards instead; only their sum means anything, so an undo may subtract from another shard.
     */
    private static Map<String, AttributeValue> counterShard(String tenant, String event) {
        return EventKeys.item(tenant, event, EventKeys.COUNTERS, "S#" + ThreadLocalRandom.current().nextInt(COUNTER_SHARDS));
    }

    /** A transaction, retried a few times when it only met a concurrent one (no condition of ours failed). */
    private void transact(List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                return;
            } catch (TransactionCanceledException e) {
                boolean onlyConflicts = e.cancellationReasons().stream().map(CancellationReason::code)
                        .allMatch(code -> code == null || "None".equals(code) || "TransactionConflict".equals(code));
                if (!onlyConflicts || attempt >= CONFLICT_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A raw event as ingest stores the same fact uploaded, so KPIs and Ops Live read one kind of record. */
    private static Map<String, AttributeValue> rawItem(OnlineFact fact) {
        return EventStore.rawItem(fact.tenantId(), fact.envelope(), null, fact.receivedAt(), fact.keyId(),
                fact.deviceId(), fact.receiptId());
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static Map<String, AttributeValue> stateItem(String tenant, String event, Scan scan) {
        Map<String, AttributeValue> item = new HashMap<>(EventKeys.item(tenant, event, EventKeys.CHECKIN, scan.guestId()));
        item.put("checkin_id", Items.s(scan.checkinId()));
        item.put("checked_in_at", Items.n(scan.checkedInAt()));
        item.put("recorded_at", Items.n(scan.recordedAt()));
        item.put("device_id", Items.s(scan.deviceId()));
        item.put("mode", Items.s(scan.mode()));
        if (scan.zoneId() != null) {
            item.put("zone_id", Items.s(scan.zoneId()));
        }
        if (scan.exit() != null) {
            item.put("out_id", Items.s(scan.exit().checkoutId()));
            item.put("out_at", Items.n(scan.exit().at()));
            item.put("out_device", Items.s(scan.exit().deviceId()));
        }
        if (scan.reentryId() != null) {
            item.put("reentry_id", Items.s(scan.reentryId()));
            item.put("reentry_at", Items.n(scan.reentryAt()));
        }
        return item;
    }

    private static Scan scan(Map<String, AttributeValue> item) {
        return new Scan(Items.string(item, Keys.SK).orElseThrow(), Items.string(item, "checkin_id").orElseThrow(),
                Items.number(item, "checked_in_at", 0), Items.number(item, "recorded_at", 0),
                Items.string(item, "device_id").orElse(""), Items.string(item, "mode").orElse(""),
                Items.string(item, "zone_id").orElse(null),
                Items.string(item, "out_id").map(id -> new Scan.Exit(id, Items.number(item, "out_at", 0),
                        Items.string(item, "out_device").orElse(""))).orElse(null),
                Items.string(item, "reentry_id").orElse(null), Items.number(item, "reentry_at", 0));
    }

    private static Map<String, AttributeValue> conflictItem(String tenant, String event, Scan loser, Scan winner,
                                                            String kind, long now) {
        Map<String, AttributeValue> item = new HashMap<>(EventKeys.item(tenant, event, EventKeys.CONFLICT, loser.checkinId()));
        item.put("kind", Items.s(kind));
        item.put("guest_id", Items.s(loser.guestId()));
        item.put("checked_in_at", Items.n(loser.checkedInAt()));
        item.put("device_id", Items.s(loser.deviceId()));
        item.put("mode", Items.s(loser.mode()));
        item.put("winner_checkin_id", Items.s(winner.checkinId()));
        item.put("winner_checked_in_at", Items.n(winner.checkedInAt()));
        item.put("winner_device_id", Items.s(winner.deviceId()));
        item.put("recorded_at", Items.n(now));
        return item;
    }
}
