package io.seatpilot.core.safety;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The exits' live status: {@code T#<tenant>#EVENT#<event>#EXIT} / {@code <exit id>}, overriding the status the event's
 * set-up gave. The newest report wins by its time on the server's clock: the server's own for the API, the kiosk's
 * for an upload but never after ingest received it (offline uploads carry their real, earlier time, so an old
 * report arriving late never undoes a newer one, and a kiosk clock ahead cannot outrank later reports), and a report that changes nothing writes nothing — which also
 * makes a redelivered report a no-op.
 */
public final class ExitStore implements ExitBoard {

    public static final String EXIT = "EXIT";

    private final DynamoDbClient dynamo;
    private final String table;

    public ExitStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Write set(String tenant, String event, String exitId, ExitStatus status, long at, String actor) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values = new HashMap<>();
        values.put(":s", Items.s(status.name()));
        values.put(":at", Items.n(at));
        values.put(":by", Items.s(actor));
        values.put(":exp", Items.n(at / 1000 + AuditLog.RETENTION.toSeconds()));
        try {
            var old = dynamo.updateItem(b -> b.tableName(table).key(EventKeys.item(tenant, event, EXIT, exitId))
                    .updateExpression("SET #status = :s, updated_at = :at, updated_by = :by, " + Keys.EXPIRES_AT + " = :exp")
                    .conditionExpression("attribute_not_exists(updated_at) OR (updated_at < :at AND #status <> :s)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values).returnValues(ReturnValue.ALL_OLD)).attributes();
            return new Write.Applied(Items.string(old == null ? Map.of() : old, "status").map(ExitStatus::valueOf));
        } catch (ConditionalCheckFailedException staleOrSame) {
            return new Write.Ignored();
        }
    }

    @Override
    public Map<String, ExitStatus> statuses(String tenant, String event) {
        Map<String, ExitStatus> statuses = new HashMap<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, EXIT)))))
                .items().forEach(item -> statuses.put(Items.string(item, "sk").orElseThrow(),
                        ExitStatus.valueOf(Items.string(item, "status").orElseThrow())));
        return statuses;
    }
}
