package io.seatpilot.local.it.ingest;

import io.seatpilot.local.it.Tenant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the raw event items straight from the tenant's stack's DynamoDB Local, through the real SDK client. */
final class StoredEvents {

    private StoredEvents() {
    }

    static boolean exists(Tenant tenant, String eventId) {
        var item = tenant.stack().awsClients().dynamoDb().getItem(b -> b.tableName(tenant.stack().tableName("DataTable"))
                .consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("T#" + tenant.id() + "#EVT#" + eventId), "sk", AttributeValue.fromS("E")))).item();
        return item != null && !item.isEmpty();
    }
}
