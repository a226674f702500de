package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.auth.PassTokens;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Raw telemetry events, one item per tenant and event id, pass tokens kept only as their hashes. Idempotency is one conditional put that returns the
 * existing item when it fails, so the outcome is known without a read-then-write race.
 */
public final class EventStore {

    public static final Duration RETENTION = Duration.ofDays(90);
    public static final Duration SAFETY_RETENTION = Duration.ofDays(365);

    private final DynamoDbClient dynamo;
    private final String table;

    public EventStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public StoreOutcome put(IngestMessage message, IngestMessage.Entry entry) {
        Map<String, AttributeValue> item = rawItem(message.tenantId(), entry.envelope(), entry.contentHash(),
                message.receivedAt(), message.keyId(), message.deviceId(), entry.receiptId());
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return StoreOutcome.STORED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = e.hasItem() ? e.item() : Map.of();
            if (entry.receiptId().equals(Items.string(existing, "receipt_id").orElse(null))) {
                return StoreOutcome.REDELIVERED;
            }
            if (entry.contentHash().equals(Items.string(existing, "content_hash").orElse(null))) {
                return StoreOutcome.DUPLICATE;
            }
            // a replayed quarantine body holds its passes in their stored form, as the stored envelope does (the
            // content hash was taken of the envelope as sent): the same fact when those stored forms are equal
            return message.replay() && sameStoredForm(existing, entry.envelope()) ? StoreOutcome.DUPLICATE
                    : StoreOutcome.CONFLICT;
        }
    }

    private static boolean sameStoredForm(Map<String, AttributeValue> existing, JsonNode envelope) {
        return Items.string(existing, "envelope").map(Json::read)
                .filter(stored -> stored.equals(PassTokens.redacted(envelope))).isPresent();
    }

    /**
     * The stored form of one raw event. Public so that a fact recorded online (a check-in written in one
     * transaction with its effects) is stored exactly as the same fact arriving through ingest would be.
     */
    public static Map<String, AttributeValue> rawItem(String tenantId, JsonNode envelope, String contentHash,
                                                      long receivedAt, String keyId, String deviceId, String receiptId) {
        String eventName = envelope.get("event_name").asText();
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, envelope.get("event_id").asText()));
        item.put("event_name", Items.s(eventName));
        item.put("ts_ms", Items.n(envelope.get("ts_ms").asLong()));
        if (envelope.hasNonNull("session_id")) {
            item.put("session_id", Items.s(envelope.get("session_id").asText()));
        }
        item.put("received_at", Items.n(receivedAt));
        if (keyId != null) {
            item.put("key_id", Items.s(keyId));
        }
        item.put("device_id", Items.s(deviceId));
        item.put("receipt_id", Items.s(receiptId));
        item.put("content_hash", Items.s(contentHash == null ? ContentHash.of(envelope) : contentHash));
        item.put("envelope", Items.s(PassTokens.redacted(envelope).toString()));
        Duration retention = eventName.startsWith("safety.") ? SAFETY_RETENTION : RETENTION;
        item.put(Keys.EXPIRES_AT, Items.n(envelope.get("ts_ms").asLong() / 1000 + retention.toSeconds()));
        return item;
    }

    public Optional<Map<String, AttributeValue>> find(String tenantId, String eventId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenantId, eventId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    public static Map<String, AttributeValue> key(String tenantId, String eventId) {
        return Items.key(Keys.tenant(tenantId, "EVT", eventId), "E");
    }
}
