package io.seatpilot.core.signing;

import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.util.HashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Remembers each key's nonces for the skew window with one conditional put: no read-then-write race. */
public final class NonceStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public NonceStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Answers false when the nonce was already recorded for this key. */
    public boolean recordOnce(String tenantId, String keyId, String nonce, long expiresAtEpochSeconds) {
        var item = new HashMap<>(Items.key(Keys.tenant(tenantId, "NONCE", keyId, nonce), "N"));
        item.put(Keys.EXPIRES_AT, Items.n(expiresAtEpochSeconds));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
