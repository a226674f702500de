package io.seatpilot.core.ratelimit;

import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One item per subject and window ({@code T#<tenant>#RATE#<counter>} / window start), counted with a conditional
 * ADD: atomic across instances, no read before the write, gone by TTL a minute after its window.
 */
public final class DynamoRateLimitStore implements RateLimitStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRateLimitStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean take(String tenantId, String counter, long windowStartMillis, int tokens, int limit, long expiresAtEpochSeconds) {
        try {
            dynamo.updateItem(u -> u.tableName(table)
                    .key(Items.key(Keys.tenant(tenantId, "RATE", counter), Long.toString(windowStartMillis)))
                    .updateExpression("ADD used :n SET expires_at = :e")
                    .conditionExpression("attribute_not_exists(used) OR used <= :left")
                    .expressionAttributeValues(Map.of(":n", Items.n(tokens), ":e", Items.n(expiresAtEpochSeconds),
                            ":left", Items.n(limit - tokens))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public int used(String tenantId, String counter, long windowStartMillis) {
        var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(Items.key(Keys.tenant(tenantId, "RATE", counter), Long.toString(windowStartMillis)))).item();
        return item == null ? 0 : (int) Items.number(item, "used", 0);
    }
}
