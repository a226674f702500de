package io.seatpilot.core.devices;

import io.seatpilot.core.auth.Role;
import io.seatpilot.core.auth.StopHistory;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Device key records. Each key has its own item (looked up by key id on every signed request) and an entry
 * under its device (listed when rotating); both are written in one transaction so they never disagree.
 */
public final class DeviceKeyStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DeviceKeyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Optional<DeviceKey> find(String tenantId, String keyId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(keyItemKey(tenantId, keyId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    public List<DeviceKey> keysOfDevice(String tenantId, String deviceId) {
        return dynamo.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(devicePk(tenantId, deviceId)))))
                .items().stream().map(DeviceKeyStore::fromItem).toList();
    }

    public void create(DeviceKey key) {
        var attributes = attributes(key);
        var keyItem = new HashMap<>(attributes);
        keyItem.putAll(keyItemKey(key.tenantId(), key.keyId()));
        var deviceItem = new HashMap<>(attributes);
        deviceItem.putAll(Items.key(devicePk(key.tenantId(), key.deviceId()), "KEY#" + key.keyId()));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(keyItem)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(deviceItem).build()).build()));
    }

    /** Marks a key revoked; answers false when the key does not exist for that tenant and device. */
    public boolean revoke(String tenantId, String deviceId, String keyId, long revokedAt) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    revokeUpdate(keyItemKey(tenantId, keyId), deviceId, revokedAt),
                    revokeUpdate(Items.key(devicePk(tenantId, deviceId), "KEY#" + keyId), deviceId, revokedAt)));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException e) {
            return false;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Sets the stop of these keys of one device (null: none) from {@code since}, each key's item and its entry under
     * the device in one transaction, so the door never sees one key of the kiosk at the new stop and the other at the
     * old one, and the stop and its history never disagree. Each key's history is the one read with it plus this
     * change: two moves of one kiosk at the same moment leave the later writer's stop and history, consistent with
     * each other, and lose at most the other's change, which held for no scan in between. Answers false when a key is
     * gone meanwhile.
     */
    public boolean setStop(String tenantId, String deviceId, List<DeviceKey> keys, String stopId, long since) {
        List<TransactWriteItem> items = new java.util.ArrayList<>();
        for (DeviceKey key : keys) {
            AttributeValue history = history(key.history().then(stopId, since));
            items.add(stopUpdate(keyItemKey(tenantId, key.keyId()), deviceId, stopId, history));
            items.add(stopUpdate(Items.key(devicePk(tenantId, deviceId), "KEY#" + key.keyId()), deviceId, stopId, history));
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException e) {
            return false;
        }
    }

    private TransactWriteItem stopUpdate(Map<String, AttributeValue> key, String deviceId, String stopId,
                                         AttributeValue history) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":device", Items.s(deviceId), ":history", history));
        if (stopId != null) {
            values.put(":stop", Items.s(stopId));
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression(stopId == null ? "SET stop_history = :history REMOVE stop_id"
                        : "SET stop_id = :stop, stop_history = :history")
                .conditionExpression("attribute_exists(pk) AND device_id = :device")
                .expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem revokeUpdate(Map<String, AttributeValue> key, String deviceId, long revokedAt) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                .updateExpression("SET revoked_at = if_not_exists(revoked_at, :at)")
                .conditionExpression("attribute_exists(pk) AND device_id = :device")
                .expressionAttributeValues(Map.of(":at", Items.n(revokedAt), ":device", Items.s(deviceId)))
                .build()).build();
    }

    private static Map<String, AttributeValue> keyItemKey(String tenantId, String keyId) {
        return Items.key(Keys.tenant(tenantId, "KEY", keyId), "KEY");
    }

    private static String devicePk(String tenantId, String deviceId) {
        return Keys.tenant(tenantId, "DEVICE", deviceId);
    }

    private static Map<String, AttributeValue> attributes(DeviceKey key) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("tenant_id", Items.s(key.tenantId()));
        item.put("key_id", Items.s(key.keyId()));
        item.put("device_id", Items.s(key.deviceId()));
        item.put("role", Items.s(key.role().wire()));
        if (!key.events().isEmpty()) {
            item.put("events", Items.ss(key.events()));
        }
        if (key.stopId() != null) {
            item.put("stop_id", Items.s(key.stopId()));
        }
        item.put("stop_history", history(key.history()));
        item.put("created_at", Items.n(key.createdAt()));
        if (key.expiresAt() != null) {
            item.put("key_expires_at", Items.n(key.expiresAt()));
        }
        return item;
    }

    private static DeviceKey fromItem(Map<String, AttributeValue> item) {
        long expires = Items.number(item, "key_expires_at", -1);
        long revoked = Items.number(item, "revoked_at", -1);
        return new DeviceKey(
                Items.string(item, "tenant_id").orElseThrow(),
                Items.string(item, "key_id").orElseThrow(),
                Items.string(item, "device_id").orElseThrow(),
                Role.parse(Items.string(item, "role").orElseThrow()).orElseThrow(),
                new HashSet<>(Items.strings(item, "events")),
                Items.number(item, "created_at", 0),
                expires < 0 ? null : expires,
                revoked < 0 ? null : revoked,
                Items.string(item, "stop_id").orElse(null),
                history(item.get("stop_history")));
    }

    /** {@code [{"stop_id"?, "since"}]}, oldest first; a change to no stop has no {@code stop_id}. */
    private static AttributeValue history(StopHistory history) {
        return AttributeValue.fromL(history.changes().stream().map(change -> {
            Map<String, AttributeValue> entry = new HashMap<>(Map.of("since", Items.n(change.since())));
            if (change.stopId() != null) {
                entry.put("stop_id", Items.s(change.stopId()));
            }
            return AttributeValue.fromM(entry);
        }).toList());
    }

    private static StopHistory history(AttributeValue stored) {
        if (stored == null || !stored.hasL()) {
            return null;
        }
        return new StopHistory(stored.l().stream().map(AttributeValue::m).map(entry -> new StopHistory.Change(
                Items.string(entry, "stop_id").orElse(null), Items.number(entry, "since", 0))).toList());
    }
}
