package io.seatpilot.core.telemetry;

import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Per-tenant, per-minute ingest counters. Each unit of work (an ingest request's refusals, a worker message)
 * adds its counts together with a ledger entry in one transaction, so a retried unit never counts twice.
 */
public final class IngestStatsStore {

    private static final Duration LEDGER_RETENTION = Duration.ofDays(7);
    private static final String REJECTED_PREFIX = "rejected_";

    private final DynamoDbClient dynamo;
    private final String table;

    public IngestStatsStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Answers false when this unit of work was already counted. */
    public boolean addOnce(String tenantId, String unitId, long atMillis, IngestCounts counts) {
        if (counts.isEmpty()) {
            return true;
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        add(adds, names, values, "accepted", counts.accepted());
        add(adds, names, values, "duplicates", counts.duplicates());
        counts.rejected().forEach((reason, n) -> add(adds, names, values, REJECTED_PREFIX + reason, n));
        long minute = atMillis - Math.floorMod(atMillis, 60_000L);
        var ledger = new HashMap<>(Items.key(Keys.tenant(tenantId, "INGEST_LEDGER", unitId), "L"));
        ledger.put(Keys.EXPIRES_AT, Items.n(atMillis / 1000 + LEDGER_RETENTION.toSeconds()));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(ledger)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table)
                            .key(Items.key(pk(tenantId), minuteKey(minute)))
                            .updateExpression("ADD " + String.join(", ", adds))
                            .expressionAttributeNames(names).expressionAttributeValues(values).build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            boolean alreadyCounted = e.cancellationReasons().stream()
                    .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
            if (alreadyCounted) {
                return false;
            }
            throw e;
        }
    }

    public List<IngestMinute> read(String tenantId, long fromMillis, long toMillis) {
        var items = dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Items.s(pk(tenantId)),
                        ":from", Items.s(minuteKey(fromMillis - Math.floorMod(fromMillis, 60_000L))),
                        ":to", Items.s(minuteKey(toMillis))))).items();
        List<IngestMinute> minutes = new ArrayList<>();
        for (var item : items) {
            Map<String, Long> rejected = new TreeMap<>();
            item.forEach((name, value) -> {
                if (name.startsWith(REJECTED_PREFIX)) {
                    rejected.put(name.substring(REJECTED_PREFIX.length()), Long.parseLong(value.n()));
                }
            });
            minutes.add(new IngestMinute(Long.parseLong(Items.string(item, Keys.SK).orElseThrow().substring(2)),
                    Items.number(item, "accepted", 0), Items.number(item, "duplicates", 0), rejected));
        }
        return minutes;
    }

    private static void add(List<String> adds, Map<String, String> names, Map<String, AttributeValue> values,
                            String attribute, long n) {
        if (n == 0) {
            return;
        }
        String placeholder = "a" + adds.size();
        names.put("#" + placeholder, attribute);
        values.put(":" + placeholder, Items.n(n));
        adds.add("#" + placeholder + " :" + placeholder);
    }

    private static String pk(String tenantId) {
        return Keys.tenant(tenantId, "INGEST_STATS");
    }

    private static String minuteKey(long minute) {
        return String.format("M#%013d", minute);
    }
}
