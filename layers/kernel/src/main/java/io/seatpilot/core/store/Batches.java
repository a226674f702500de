package io.seatpilot.core.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Bulk reads and writes for imports: DynamoDB's batch calls in their largest chunks (100 gets, 25 writes), with
 * the unprocessed remainder retried after a short back-off, as the service asks under throttling.
 */
public final class Batches {

    private static final int GET_CHUNK = 100;
    private static final int WRITE_CHUNK = 25;
    private static final int MAX_ROUNDS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public Batches(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    public static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }

    /** Items found for {@code keys}, in no particular order (missing keys are simply absent). */
    public List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int start = 0; start < keys.size(); start += GET_CHUNK) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(start, Math.min(keys.size(), start + GET_CHUNK))).build());
            for (int round = 0; !pending.isEmpty(); round++) {
                requireRound(round);
                Map<String, KeysAndAttributes> request = pending;
                var response = dynamo.batchGetItem(b -> b.requestItems(request));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    public void writeAll(List<WriteRequest> writes) {
        for (int start = 0; start < writes.size(); start += WRITE_CHUNK) {
            Map<String, List<WriteRequest>> pending = new HashMap<>(
                    Map.of(table, writes.subList(start, Math.min(writes.size(), start + WRITE_CHUNK))));
            for (int round = 0; !pending.isEmpty(); round++) {
                requireRound(round);
                Map<String, List<WriteRequest>> request = pending;
                var response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    private static void requireRound(int round) {
        if (round >= MAX_ROUNDS) {
            throw new IllegalStateException("DynamoDB kept items unprocessed after " + MAX_ROUNDS + " rounds");
        }
        if (round > 0) {
            try {
                Thread.sleep(25L << Math.min(round, 5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
