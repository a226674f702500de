package io.seatpilot.core.telemetry;

import io.seatpilot.core.auth.PassTokens;
import io.seatpilot.core.store.Ids;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The tenant's quarantine: one partition per tenant holding each refusal twice, under {@code Q#<id>} (every
 * refusal, newest first; replay gets one by id) and under {@code R#<reason>#<id>} (one reason's refusals, newest
 * first), so the reason filter is a key condition and a page reads at most {@code limit} items whatever else was
 * refused. Both copies expire together; seven days of refusals twice over cost less than an index on the table.
 * Ids embed the receive time so an item is addressable without an index. A refusal of an envelope with a usable
 * {@code event_id} is kept a third time under {@code E#<event_id>} (the latest refusal of that id), so a device can
 * learn what became of a fact it uploaded from the id it gave it.
 */
public final class QuarantineStore {

    public static final Duration RETENTION = Duration.ofDays(7);
    private static final Pattern ID = Pattern.compile("[0-9]{13}-[A-Za-z0-9_-]{6,64}");
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final String ALL = "Q#";
    private static final String BY_EVENT_ID = "E#";
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public QuarantineStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static String newId(long receivedAt, String unique) {
        return String.format("%013d-%s", receivedAt, unique);
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Writes are idempotent by id, so a redelivered worker message quarantines once. Of several refusals of one
     * {@code event_id} in {@code items} the last is kept under it (a batch may not put one key twice).
     */
    public void putAll(String tenantId, List<QuarantinedItem> items) {
        Map<String, QuarantinedItem> latestByEventId = new LinkedHashMap<>();
        items.stream().filter(item -> Ids.isUuid(item.eventId()))
                .forEach(item -> latestByEventId.put(item.eventId(), item));
        List<WriteRequest> requests = Stream.concat(
                        items.stream().flatMap(item -> Stream.of(ALL + item.id(), reasonPrefix(item.reason()) + item.id())
                                .map(sk -> put(tenantId, sk, item))),
                        latestByEventId.values().stream().map(item -> put(tenantId, BY_EVENT_ID + item.eventId(), item)))
                .toList();
        for (int from = 0; from < requests.size(); from += BATCH_WRITE_LIMIT) {
            Map<String, List<WriteRequest>> pending =
                    Map.of(table, requests.subList(from, Math.min(requests.size(), from + BATCH_WRITE_LIMIT)));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> batch = pending;
                pending = dynamo.batchWriteItem(b -> b.requestItems(batch)).unprocessedItems();
            }
        }
    }

    private static WriteRequest put(String tenantId, String sk, QuarantinedItem item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(toItem(tenantId, sk, item)).build()).build();
    }

    /** The latest refusal of each of these envelope ids still kept (ids never refused, or long ago, are absent). */
    public Map<String, QuarantinedItem> latestOf(String tenantId, Collection<String> eventIds) {
        List<String> ids = eventIds.stream().distinct().toList();
        Map<String, QuarantinedItem> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH_GET_LIMIT)).stream()
                    .map(id -> Items.key(pk(tenantId), BY_EVENT_ID + id)).toList();
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            while (!pending.isEmpty()) {
                Map<String, KeysAndAttributes> batch = pending;
                var answer = dynamo.batchGetItem(b -> b.requestItems(batch));
                answer.responses().getOrDefault(table, List.of()).stream().map(QuarantineStore::fromItem)
                        .forEach(item -> found.put(item.eventId(), item));
                pending = answer.unprocessedKeys();
            }
        }
        return found;
    }

    public Optional<QuarantinedItem> find(String tenantId, String id) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Items.key(pk(tenantId), ALL + id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** One page of a listing; {@code next} is where the following page starts (empty: nothing more). */
    public record Page(List<QuarantinedItem> items, Optional<String> next) {
    }

    /**
     * Up to {@code limit} items, newest first, of one {@code reason} (empty: every reason), starting after the
     * item id {@code after}. With {@code events} (empty: every item) only items about one of them are kept, as a
     * filter on the page read, so a page may hold fewer items than {@code limit} and still have a next.
     */
    public Page list(String tenantId, Optional<String> reason, Set<String> events, int limit, Optional<String> after) {
        String prefix = reason.map(QuarantineStore::reasonPrefix).orElse(ALL);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", Items.s(pk(tenantId)));
        values.put(":prefix", Items.s(prefix));
        var query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .scanIndexForward(false).limit(limit);
        after.ifPresent(id -> query.exclusiveStartKey(Items.key(pk(tenantId), prefix + id)));
        if (!events.isEmpty()) {
            List<String> placeholders = new ArrayList<>();
            for (String event : events) {
                placeholders.add(":e" + placeholders.size());
                values.put(placeholders.getLast(), Items.s(event));
            }
            query.filterExpression("#event IN (" + String.join(", ", placeholders) + ")")
                    .expressionAttributeNames(Map.of("#event", "event"));
        }
        var answer = dynamo.query(query.expressionAttributeValues(values).build());
        var last = answer.lastEvaluatedKey();
        return new Page(answer.items().stream().map(QuarantineStore::fromItem).toList(),
                last == null || last.isEmpty() ? Optional.empty()
                        : Optional.of(Items.string(last, Keys.SK).orElseThrow().substring(prefix.length())));
    }

    public void markReplayed(String tenantId, QuarantinedItem item, long replayedAt) {
        dynamo.updateItem(replayed(tenantId, ALL + item.id(), replayedAt));
        try {
            dynamo.updateItem(replayed(tenantId, reasonPrefix(item.reason()) + item.id(), replayedAt));
        } catch (ConditionalCheckFailedException e) {
            // Items quarantined before the reason copy existed have none; they expire within RETENTION.
        }
    }

    private UpdateItemRequest replayed(String tenantId, String sk, long replayedAt) {
        return UpdateItemRequest.builder().tableName(table).key(Items.key(pk(tenantId), sk))
                .updateExpression("SET replayed_at = :at")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":at", Items.n(replayedAt))).build();
    }

    private static String reasonPrefix(String reason) {
        return "R#" + reason + "#";
    }

    private static String pk(String tenantId) {
        return Keys.tenant(tenantId, "QUARANTINE");
    }

    private static Map<String, AttributeValue> toItem(String tenantId, String sk, QuarantinedItem q) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(pk(tenantId), sk));
        item.put("id", Items.s(q.id()));
        item.put("reason", Items.s(q.reason()));
        item.put("detail", Items.s(q.detail() == null ? "" : q.detail()));
        if (q.violations() != null && !q.violations().isEmpty()) {
            item.put("violations", AttributeValue.fromL(q.violations().stream().map(Items::s).toList()));
        }
        if (q.eventId() != null) {
            item.put("event_id", Items.s(q.eventId()));
        }
        if (q.event() != null) {
            item.put("event", Items.s(q.event()));
        }
        item.put("body", Items.s(PassTokens.redacted(q.body())));
        if (q.keyId() != null) {
            item.put("key_id", Items.s(q.keyId()));
        }
        if (q.deviceId() != null) {
            item.put("device_id", Items.s(q.deviceId()));
        }
        if (q.stopId() != null) {
            item.put("stop_id", Items.s(q.stopId()));
        }
        item.put("request_id", Items.s(q.requestId()));
        item.put("received_at", Items.n(q.receivedAt()));
        item.put(Keys.EXPIRES_AT, Items.n(q.receivedAt() / 1000 + RETENTION.toSeconds()));
        return item;
    }

    private static QuarantinedItem fromItem(Map<String, AttributeValue> item) {
        AttributeValue violations = item.get("violations");
        long replayed = Items.number(item, "replayed_at", -1);
        return new QuarantinedItem(
                Items.string(item, "id").orElseThrow(),
                Items.string(item, "reason").orElseThrow(),
                Items.string(item, "detail").orElse(""),
                violations == null || !violations.hasL() ? List.of() : violations.l().stream().map(AttributeValue::s).toList(),
                Items.string(item, "event_id").orElse(null),
                Items.string(item, "event").orElse(null),
                Items.string(item, "body").orElse(""),
                Items.string(item, "key_id").orElse(null),
                Items.string(item, "device_id").orElse(null),
                Items.string(item, "request_id").orElse(""),
                Items.number(item, "received_at", 0),
                replayed < 0 ? null : replayed,
                Items.string(item, "stop_id").orElse(null));
    }
}
