package io.seatpilot.core.safety;

import io.seatpilot.core.store.EventKeys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The capacity thresholds' state per zone: {@code T#<tenant>#EVENT#<event>#SAFETY} / {@code CAPACITY#<zone>}. Firing
 * is a conditional flip (not fired → fired), so two evaluations racing on the same counts raise one alert.
 */
public final class CapacityStore implements CapacityFlags {

    private final DynamoDbClient dynamo;
    private final String table;

    public CapacityStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public CapacityThresholds.State state(String tenant, String event, String zone) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key(tenant, event, zone)).consistentRead(true)).item();
        return new CapacityThresholds.State(flag(item, CapacityThresholds.Level.NINETY), flag(item, CapacityThresholds.Level.FULL));
    }

    @Override
    public boolean flip(String tenant, String event, String zone, CapacityThresholds.Level level, boolean fired) {
        String name = attribute(level);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(tenant, event, zone))
                    .updateExpression("SET " + name + " = :to")
                    .conditionExpression(fired ? "attribute_not_exists(" + name + ") OR " + name + " = :from" : name + " = :from")
                    .expressionAttributeValues(Map.of(":to", AttributeValue.fromBool(fired), ":from", AttributeValue.fromBool(!fired))));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    private static boolean flag(Map<String, AttributeValue> item, CapacityThresholds.Level level) {
        AttributeValue value = item == null ? null : item.get(attribute(level));
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    private static String attribute(CapacityThresholds.Level level) {
        return level == CapacityThresholds.Level.FULL ? "full_fired" : "ninety_fired";
    }

    private static Map<String, AttributeValue> key(String tenant, String event, String zone) {
        return EventKeys.item(tenant, event, AlertStore.SAFETY, "CAPACITY#" + zone);
    }

}
