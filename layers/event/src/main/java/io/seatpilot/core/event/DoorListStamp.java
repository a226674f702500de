package io.seatpilot.core.event;

import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Items;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The door list's set-up stamp (SPEC §15): one counter per event, raised by every set-up write whose data the door
 * list shows — the event (zones), guests and households (imports, RSVPs, walk-ins, erasures), tables and passes.
 * With the published plan's revision and the check-ins' change count it is the list's version, which the door
 * reads in three small reads, so a kiosk's poll with an unchanged ETag is answered without building the list.
 * Writers raise it after their own writes: a reader takes the stamp before the data, so it may send new data under
 * an old version (the next poll fetches again), never old data under a new version (a kiosk would keep it).
 */
public final class DoorListStamp {

    private static final String KIND = "DOORLIST";
    private static final String SETUP = "SETUP";

    private final DynamoDbClient dynamo;
    private final String table;

    public DoorListStamp(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public void bump(String tenant, String event) {
        dynamo.updateItem(b -> b.tableName(table).key(key(tenant, event)).updateExpression("ADD changes :one")
                .expressionAttributeValues(Map.of(":one", Items.n(1))));
    }

    /** The stamp, or empty for an event no set-up write has stamped (none, or one older than the stamp). */
    public OptionalLong read(String tenant, String event) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(tenant, event))).item();
        return item == null || item.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Items.number(item, "changes", 0));
    }

    private static Map<String, AttributeValue> key(String tenant, String event) {
        return EventKeys.item(tenant, event, KIND, SETUP);
    }
}
