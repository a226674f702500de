package io.seatpilot.core.safety;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Alerts and the event's evacuation state in the single table.
 * <ul>
 *   <li>An alert: {@code T#<tenant>#EVENT#<event>#ALERT} / {@code <alert id>}; ids start with the raise time, so the
 *       partition reads in time order.</li>
 *   <li>The evacuation state: {@code T#<tenant>#EVENT#<event>#SAFETY} / {@code STATE}: the current (or last)
 *       evacuation's id — the EVAC alert that started it — its stop when not the event's first, and when it started
 *       and was cleared.</li>
 * </ul>
 * Acknowledgement, escalation and clearing are each one conditional update, so two operators (or a redelivered
 * escalation message) can never both win. Items are kept 365 days (SPEC §5: safety facts).
 */
public final class AlertStore implements AlertLedger {

    public static final String ALERT = "ALERT";
    public static final String SAFETY = "SAFETY";
    static final Duration RETENTION = AuditLog.RETENTION;

    private final DynamoDbClient dynamo;
    private final String table;

    public AlertStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean create(String tenant, Alert alert) {
        Map<String, AttributeValue> item = new HashMap<>(EventKeys.item(tenant, alert.event(), ALERT, alert.alertId()));
        item.put("level", Items.s(alert.level().name()));
        put(item, "zone", alert.zone());
        put(item, "stop", alert.stop());
        put(item, "message", alert.message());
        put(item, "template", alert.template());
        put(item, "severity", alert.severity());
        put(item, "source", alert.source());
        put(item, "raised_by", alert.raisedBy());
        item.put("raised_at", Items.n(alert.raisedAt()));
        if (alert.clearedAt() != null) {
            item.put("cleared_at", Items.n(alert.clearedAt()));
        }
        item.put(Keys.EXPIRES_AT, Items.n(alert.raisedAt() / 1000 + RETENTION.toSeconds()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    @Override
    public Optional<Alert> find(String tenant, String event, String alertId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(EventKeys.item(tenant, event, ALERT, alertId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(alert(event, item));
    }

    @Override
    public List<Alert> all(String tenant, String event) {
        List<Alert> alerts = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, ALERT)))))
                .items().forEach(item -> alerts.add(alert(event, item)));
        alerts.sort(Comparator.comparingLong(Alert::raisedAt).thenComparing(Alert::alertId));
        return alerts;
    }

    @Override
    public Optional<Alert> acknowledge(String tenant, String event, String alertId, String actor, long at) {
        return conditionalUpdate(tenant, event, alertId, "SET acked_by = :by, acked_at = :at",
                "attribute_exists(pk) AND attribute_not_exists(acked_at) AND attribute_not_exists(cleared_at) AND #level <> :clear",
                Map.of(":by", Items.s(actor), ":at", Items.n(at), ":clear", Items.s(AlertLevel.CLEAR.name())));
    }

    /** An escalation whose push did not complete ({@code escalation_pushed} unset) is handed out again. */
    @Override
    public Optional<Alert> escalate(String tenant, String event, String alertId, long at) {
        Optional<Alert> won = conditionalUpdate(tenant, event, alertId, "SET escalated_at = :at",
                "attribute_exists(pk) AND attribute_not_exists(acked_at) AND attribute_not_exists(cleared_at)"
                        + " AND attribute_not_exists(escalated_at) AND #level <> :clear",
                Map.of(":at", Items.n(at), ":clear", Items.s(AlertLevel.CLEAR.name())));
        if (won.isPresent()) {
            return won;
        }
        var item = dynamo.getItem(b -> b.tableName(table).key(EventKeys.item(tenant, event, ALERT, alertId))
                .consistentRead(true)).item();
        boolean unpushed = item != null && item.containsKey("escalated_at") && !item.containsKey("escalation_pushed");
        return unpushed ? Optional.of(alert(event, item)) : Optional.empty();
    }

    @Override
    public void escalationPushed(String tenant, String event, String alertId) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(EventKeys.item(tenant, event, ALERT, alertId))
                    .updateExpression("SET escalation_pushed = :t").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException gone) {
            // the alert expired meanwhile: there is no escalation left to hand out again
        }
    }

    @Override
    public Optional<Alert> clear(String tenant, String event, String alertId, long at) {
        return conditionalUpdate(tenant, event, alertId, "SET cleared_at = :at",
                "attribute_exists(pk) AND attribute_not_exists(cleared_at) AND #level <> :clear",
                Map.of(":at", Items.n(at), ":clear", Items.s(AlertLevel.CLEAR.name())));
    }

    private Optional<Alert> conditionalUpdate(String tenant, String event, String alertId, String update, String condition,
                                              Map<String, AttributeValue> values) {
        try {
            var attributes = dynamo.updateItem(b -> b.tableName(table).key(EventKeys.item(tenant, event, ALERT, alertId))
                    .updateExpression(update).conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#level", "level"))
                    .expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(alert(event, attributes));
        } catch (ConditionalCheckFailedException lost) {
            return Optional.empty();
        }
    }

    // ---- evacuation state ----

    @Override
    public Evacuation startEvacuation(String tenant, String event, String alertId, String stop, long at) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":id", Items.s(alertId), ":at", Items.n(at),
                ":exp", Items.n(at / 1000 + RETENTION.toSeconds())));
        if (stop != null) {
            values.put(":stop", Items.s(stop));
        }
        // the last evacuation's stop goes with it: a new one at the first stop must not inherit a later stop's
        String update = stop == null
                ? "SET evac_id = :id, evac_started_at = :at, expires_at = :exp REMOVE evac_cleared_at, evac_stop"
                : "SET evac_id = :id, evac_started_at = :at, expires_at = :exp, evac_stop = :stop REMOVE evac_cleared_at";
        try {
            dynamo.updateItem(b -> b.tableName(table).key(stateKey(tenant, event)).updateExpression(update)
                    .conditionExpression("attribute_not_exists(evac_id) OR attribute_exists(evac_cleared_at)")
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException alreadyActive) {
            // the running evacuation stays the one guests muster for
        }
        return evacuation(tenant, event).orElseThrow();
    }

    @Override
    public Optional<Evacuation> endEvacuation(String tenant, String event, long at) {
        try {
            var attributes = dynamo.updateItem(b -> b.tableName(table).key(stateKey(tenant, event))
                    .updateExpression("SET evac_cleared_at = :at")
                    .conditionExpression("attribute_exists(evac_id) AND attribute_not_exists(evac_cleared_at)")
                    .expressionAttributeValues(Map.of(":at", Items.n(at))).returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(evacuation(attributes));
        } catch (ConditionalCheckFailedException none) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Evacuation> evacuation(String tenant, String event) {
        var item = dynamo.getItem(b -> b.tableName(table).key(stateKey(tenant, event)).consistentRead(true)).item();
        return item == null || !item.containsKey("evac_id") ? Optional.empty() : Optional.of(evacuation(item));
    }

    private static Evacuation evacuation(Map<String, AttributeValue> item) {
        return new Evacuation(Items.string(item, "evac_id").orElseThrow(), Items.string(item, "evac_stop").orElse(null),
                Items.number(item, "evac_started_at", 0),
                item.containsKey("evac_cleared_at") ? Items.number(item, "evac_cleared_at", 0) : null);
    }

    private static Map<String, AttributeValue> stateKey(String tenant, String event) {
        return EventKeys.item(tenant, event, SAFETY, "STATE");
    }

    private static Alert alert(String event, Map<String, AttributeValue> item) {
        return new Alert(Items.string(item, "sk").orElseThrow(), event,
                AlertLevel.valueOf(Items.string(item, "level").orElseThrow()),
                Items.string(item, "zone").orElse(null), Items.string(item, "stop").orElse(null),
                Items.string(item, "message").orElse(null),
                Items.string(item, "template").orElse(null), Items.string(item, "severity").orElse(null),
                Items.string(item, "source").orElse(null), Items.string(item, "raised_by").orElse(null),
                Items.number(item, "raised_at", 0), Items.string(item, "acked_by").orElse(null),
                optionalNumber(item, "acked_at"), optionalNumber(item, "escalated_at"), optionalNumber(item, "cleared_at"));
    }

    private static Long optionalNumber(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Items.number(item, name, 0) : null;
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, Items.s(value));
        }
    }
}
