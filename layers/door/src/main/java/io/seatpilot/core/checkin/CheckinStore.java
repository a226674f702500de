package io.seatpilot.core.checkin;

import io.seatpilot.core.personal.GuestCheckins;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Batches;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
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
public final class CheckinStore implements GuestCheckins {

    private static final int COUNTER_SHARDS = 8;
    private static final int CONFLICT_ATTEMPTS = 4;

    private final DynamoDbClient dynamo;
    private final String table;

    public CheckinStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * How a claim ended: the scans that now count, the guests already holding a check-in (possibly this very
     * one), and whether this check-in id was used before for guests who are free again (a retry after an undo).
     */
    public record Claims(List<Scan> claimed, Map<String, Scan> held, boolean knownCheckinId) {
    }

    /**
     * Claims the guests of one scan in one transaction: their state items (put only if absent), the counters
     * and the raw event, built by {@code rawEvent} for the guests finally claimed (null: already stored by
     * ingest). A guest who is held is set aside and the rest is tried again, so a household whose members
     * arrive separately still checks in the ones who are new.
     */
    public Claims claim(String tenant, String event, List<Scan> scans,
                        Function<List<Scan>, Map<String, AttributeValue>> rawEvent) {
        return claim(tenant, event, scans, rawEvent, null);
    }

    /**
     * As above, with the audit entry of the guests finally claimed ({@code audit}, null: none) put in the same
     * transaction: the entry exists exactly when the check-in does, and costs no call of its own.
     */
    public Claims claim(String tenant, String event, List<Scan> scans,
                        Function<List<Scan>, Map<String, AttributeValue>> rawEvent,
                        Function<List<Scan>, Map<String, AttributeValue>> audit) {
        Map<String, Scan> held = new HashMap<>();
        List<Scan> remaining = new ArrayList<>(scans);
        while (!remaining.isEmpty()) {
            List<TransactWriteItem> items = new ArrayList<>();
            remaining.forEach(scan -> items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(stateItem(tenant, event, scan)).conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build()));
            items.add(counters(tenant, event, remaining.size(), 0, zoneDeltas(remaining, 1)));
            if (rawEvent != null) {
                items.add(putIfAbsent(rawEvent.apply(remaining)));
            }
            if (audit != null) {
                items.add(putIfAbsent(audit.apply(remaining)));
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

    /**
     * Makes {@code earlier} the guest's check-in in place of {@code later}, only if {@code later} still holds it;
     * {@code later} is kept as a conflict. Counters stay: the guest was already counted once.
     */
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

    /** Keeps a scan that lost to an earlier one, with its device and time, for Ops Live (idempotent per check-in id). */
    public void recordDuplicate(String tenant, String event, Scan loser, Scan winner, long now) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(conflictItem(tenant, event, loser, winner, "duplicate", now))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException alreadyKept) {
            // a redelivered upload: the conflict is on record already
        }
    }

    public enum Release { RELEASED, NOT_HELD, ALREADY_RECORDED }

    /**
     * Undoes {@code current} if its guests still hold it: states removed, counters back (a guest who is out is
     * no longer in a zone's count, only in the checked-out one), raw undo event and its audit entry.
     */
    public Release release(String tenant, String event, List<Scan> current, Map<String, AttributeValue> rawEvent,
                           Map<String, AttributeValue> audit) {
        List<TransactWriteItem> items = new ArrayList<>();
        current.forEach(scan -> items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(EventKeys.item(tenant, event, EventKeys.CHECKIN, scan.guestId()))
                .conditionExpression("checkin_id = :id")
                .expressionAttributeValues(Map.of(":id", Items.s(scan.checkinId()))).build()).build()));
        List<Scan> inside = current.stream().filter(s -> !s.isOut()).toList();
        items.add(counters(tenant, event, -current.size(), inside.size() - current.size(), zoneDeltas(inside, -1)));
        if (rawEvent != null) {
            items.add(putIfAbsent(rawEvent));
        }
        if (audit != null) {
            items.add(putIfAbsent(audit));
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

    public enum Move { MOVED, STATE_CHANGED }

    /**
     * Marks the guest out if {@code held} is still their state, inside, and not already out: the state keeps the
     * check-in (the guest stays checked in once) and gains the exit; the guest leaves their zone's count. One
     * transaction with the audit entry. {@code STATE_CHANGED}: someone else moved first; read and decide again.
     */
    public Move checkOut(String tenant, String event, Scan held, Scan.Exit exit, Map<String, AttributeValue> audit) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(EventKeys.item(tenant, event, EventKeys.CHECKIN, held.guestId()))
                .updateExpression("SET out_id = :out, out_at = :at, out_device = :device")
                .conditionExpression("checkin_id = :held AND attribute_not_exists(out_id)")
                .expressionAttributeValues(Map.of(":out", Items.s(exit.checkoutId()), ":at", Items.n(exit.at()),
                        ":device", Items.s(exit.deviceId()), ":held", Items.s(held.checkinId()))).build()).build());
        items.add(counters(tenant, event, 0, 1, zoneDeltas(List.of(held), -1)));
        items.add(putIfAbsent(audit));
        return move(items);
    }

    /**
     * Lets a guest who is out back in ({@code entry}'s id and zone, the guest's zone now): only if {@code held} is
     * still their state and still out by the same check-out. One transaction with the audit entry.
     */
    public Move reenter(String tenant, String event, Scan held, Scan entry, Map<String, AttributeValue> audit) {
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
        items.add(putIfAbsent(audit));
        return move(items);
    }

    /**
     * Offline only: a later entry scan of a guest who is inside becomes their latest entry (no count moves), so a
     * check-out scanned before it but uploaded after it cannot put them out.
     */
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

    /**
     * Offline only: a later check-out of a guest who is out already becomes the exit that holds (no count moves),
     * so an entry scanned before it but uploaded after it cannot let them back in.
     */
    public Move moveExit(String tenant, String event, Scan held, Scan.Exit exit, Map<String, AttributeValue> audit) {
        return move(List.of(TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(EventKeys.item(tenant, event, EventKeys.CHECKIN, held.guestId()))
                        .updateExpression("SET out_id = :out, out_at = :at, out_device = :device")
                        .conditionExpression("checkin_id = :held AND out_id = :seen")
                        .expressionAttributeValues(Map.of(":out", Items.s(exit.checkoutId()), ":at", Items.n(exit.at()),
                                ":device", Items.s(exit.deviceId()), ":held", Items.s(held.checkinId()),
                                ":seen", Items.s(held.exit().checkoutId()))).build()).build(),
                putIfAbsent(audit)));
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

    /** A guest's first confirmed arrival at a table; later confirmations keep the first. */
    public record Arrival(String guestId, String tableId, long arrivedAt, String confirmMode, String deviceId,
                          Long doorToSeatMillis) {
    }

    public sealed interface ArrivalClaim {
        record Recorded() implements ArrivalClaim {
        }

        record Earlier(Arrival first) implements ArrivalClaim {
        }
    }

    public ArrivalClaim arrive(String tenant, String event, Arrival arrival, Map<String, AttributeValue> rawEvent) {
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
            items.add(putIfAbsent(rawEvent));
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
    public Optional<GuestCheckins.Checkin> checkinOf(String tenant, String event, String guestId) {
        return state(tenant, event, guestId).map(scan -> new GuestCheckins.Checkin(scan.checkinId(), scan.checkedInAt(),
                scan.deviceId(), scan.mode()));
    }

    public Optional<Scan> state(String tenant, String event, String guestId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(EventKeys.item(tenant, event, EventKeys.CHECKIN, guestId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(scan(item));
    }

    /** States of several guests in one read (a household's members). */
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

    /**
     * {@code checkedIn}: guests checked in (each once, whether in or out now); {@code checkedOut}: of those, the
     * ones out now; {@code zones}: guests inside now per zone.
     */
    public record Counters(long checkedIn, long checkedOut, long arrived, Map<String, Long> zones) {

        public long inside() {
            return checkedIn - checkedOut;
        }
    }

    /** The event's counters: the sum of their shards. */
    public Counters counters(String tenant, String event) {
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
        return new Counters(checkedIn, checkedOut, arrived, zones);
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
            adds.add("checked_in :n");
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
