package io.seatpilot.core.incident;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Incident records, one item per incident in {@code T#<tenant>#EVENT#<event>#INCIDENT}. Each step is one
 * conditional update that keeps the earliest time of that step ({@code attribute_not_exists(step) OR step > :t}),
 * so steps may arrive in any order and any number of times. Kept as long as the safety audit.
 */
public final class IncidentStore implements IncidentLedger {

    static final String INCIDENT = "INCIDENT";

    private final DynamoDbClient dynamo;
    private final String table;

    public IncidentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean record(String tenant, String event, String incidentId, Step step, long at, String actor,
                          Map<String, String> fields) {
        Map<String, String> names = new HashMap<>(Map.of("#at", step.at(), "#by", step.by(), "#exp", Keys.EXPIRES_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", Items.n(at), ":by", Items.s(actor),
                ":exp", Items.n(at / 1000 + AuditLog.RETENTION.toSeconds())));
        StringBuilder set = new StringBuilder("SET #at = :t, #by = :by, #exp = :exp");
        fields.forEach((name, value) -> {
            if (value != null) {
                String placeholder = "f" + names.size();
                names.put("#" + placeholder, name);
                values.put(":" + placeholder, Items.s(value));
                set.append(", #").append(placeholder).append(" = :").append(placeholder);
            }
        });
        try {
            dynamo.updateItem(b -> b.tableName(table).key(EventKeys.item(tenant, event, INCIDENT, incidentId))
                    .updateExpression(set.toString())
                    .conditionExpression("attribute_not_exists(#at) OR #at > :t")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException earlierOnRecord) {
            return false;
        }
    }

    @Override
    public java.util.Optional<Incident> incident(String tenant, String event, String incidentId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(EventKeys.item(tenant, event, INCIDENT, incidentId))).item();
        return item == null || item.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(incident(item));
    }

    @Override
    public List<Incident> incidents(String tenant, String event) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, INCIDENT)))))
                .items().stream().map(IncidentStore::incident).toList();
    }

    private static Incident incident(Map<String, AttributeValue> item) {
        return new Incident(Items.string(item, Keys.SK).orElseThrow(), time(item, "opened_at"), time(item, "acknowledged_at"),
                time(item, "resolved_at"), text(item, "category"), text(item, "priority"), text(item, "zone"),
                text(item, "alert_id"), text(item, "opened_by"), text(item, "acknowledged_by"), text(item, "role_ack"),
                text(item, "resolved_by"), text(item, "resolution_code"));
    }

    private static Long time(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Items.number(item, name, 0) : null;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return Items.string(item, name).orElse(null);
    }
}
