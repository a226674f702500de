package io.seatpilot.core.safety;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Muster check-ins of one evacuation: {@code T#<tenant>#EVENT#<event>#MUSTER#<evacuation id>} / {@code <guest id>}.
 * The first report of a guest counts (put-if-absent): a guest is safe once, at the point and time first seen,
 * whatever order online and offline reports arrive in. Kept 365 days, after the evacuation is cleared too.
 */
public final class MusterStore implements MusterRoll {

    public static final String MUSTER = "MUSTER";

    private final DynamoDbClient dynamo;
    private final String table;

    public MusterStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean record(String tenant, String event, String evacuationId, Mustered mustered) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(partition(tenant, event, evacuationId), mustered.guestId()));
        item.put("point_id", Items.s(mustered.pointId()));
        item.put("at", Items.n(mustered.at()));
        item.put("actor", Items.s(mustered.actor()));
        item.put(Keys.EXPIRES_AT, Items.n(mustered.at() / 1000 + AuditLog.RETENTION.toSeconds()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    @Override
    public Map<String, Mustered> mustered(String tenant, String event, String evacuationId) {
        Map<String, Mustered> safe = new HashMap<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(partition(tenant, event, evacuationId)))))
                .items().forEach(item -> {
                    String guest = Items.string(item, "sk").orElseThrow();
                    safe.put(guest, new Mustered(guest, Items.string(item, "point_id").orElseThrow(),
                            Items.number(item, "at", 0), Items.string(item, "actor").orElse(null)));
                });
        return safe;
    }

    private static String partition(String tenant, String event, String evacuationId) {
        return EventKeys.partition(tenant, event, MUSTER + "#" + evacuationId);
    }
}
