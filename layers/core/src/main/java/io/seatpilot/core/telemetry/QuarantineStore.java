package io.seatpilot.core.telemetry;

import io.seatpilot.core.event.PassTokens;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The tenant's quarantine: one partition per tenant, sorted by receive time, so the newest refusals are read
 * first. Ids embed the receive time so an item is addressable without a second index.
 */
public final class QuarantineStore {

    public static final Duration RETENTION = Duration.ofDays(7);
    private static final Pattern ID = Pattern.compile("[0-9]{13}-[A-Za-z0-9_-]{6,64}");
    private static final int BATCH_WRITE_LIMIT = 25;

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

    /** Writes are idempotent by id, so a redelivered worker message quarantines once. */
    public void putAll(String tenantId, List<QuarantinedItem> items) {
        List<WriteRequest> requests = items.stream()
                .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(toItem(tenantId, item)).build()).build())
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

    public Optional<QuarantinedItem> find(String tenantId, String id) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Items.key(pk(tenantId), "Q#" + id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    public List<QuarantinedItem> list(String tenantId, Optional<String> reason, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", Items.s(pk(tenantId)));
        values.put(":q", Items.s("Q#"));
        List<QuarantinedItem> found = new ArrayList<>();
        var pages = dynamo.queryPaginator(b -> {
            b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :q)")
                    .scanIndexForward(false).limit(Math.max(limit, 25));
            reason.ifPresent(r -> {
                values.put(":reason", Items.s(r));
                b.filterExpression("reason = :reason");
            });
            b.expressionAttributeValues(values);
        });
        for (var item : pages.items()) {
            found.add(fromItem(item));
            if (found.size() >= limit) {
                break;
            }
        }
        return found;
    }

    public void markReplayed(String tenantId, String id, long replayedAt) {
        dynamo.updateItem(b -> b.tableName(table).key(Items.key(pk(tenantId), "Q#" + id))
                .updateExpression("SET replayed_at = :at")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":at", Items.n(replayedAt))));
    }

    private static String pk(String tenantId) {
        return Keys.tenant(tenantId, "QUARANTINE");
    }

    private static Map<String, AttributeValue> toItem(String tenantId, QuarantinedItem q) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(pk(tenantId), "Q#" + q.id()));
        item.put("id", Items.s(q.id()));
        item.put("reason", Items.s(q.reason()));
        item.put("detail", Items.s(q.detail() == null ? "" : q.detail()));
        if (q.violations() != null && !q.violations().isEmpty()) {
            item.put("violations", AttributeValue.fromL(q.violations().stream().map(Items::s).toList()));
        }
        if (q.eventId() != null) {
            item.put("event_id", Items.s(q.eventId()));
        }
        item.put("body", Items.s(PassTokens.redacted(q.body())));
        if (q.keyId() != null) {
            item.put("key_id", Items.s(q.keyId()));
        }
        if (q.deviceId() != null) {
            item.put("device_id", Items.s(q.deviceId()));
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
                Items.string(item, "body").orElse(""),
                Items.string(item, "key_id").orElse(null),
                Items.string(item, "device_id").orElse(null),
                Items.string(item, "request_id").orElse(""),
                Items.number(item, "received_at", 0),
                replayed < 0 ? null : replayed);
    }
}
