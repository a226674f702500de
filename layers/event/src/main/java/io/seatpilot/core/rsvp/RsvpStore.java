package io.seatpilot.core.rsvp;

import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Batches;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Guests' answers per stop ({@code …#RSVP}, one item per guest) and each party's companions ({@code P#<holder>}):
 * what the RSVP page shows back and what the per-stop counts add up.
 */
public final class RsvpStore {

    /** The kind of the answers' partition: Ops Live recounts an event whose answers changed (LiveBatch). */
    public static final String KIND = "RSVP";
    private static final String PARTY = "P#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Batches batches;

    public RsvpStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.batches = new Batches(dynamo, table);
    }

    /** One guest's answers: stop id → yes/no. */
    public record Answers(String guestId, Map<String, String> byStop, long answeredAt) {
    }

    public Map<String, Answers> answers(String tenant, String event, Collection<String> guestIds) {
        Map<String, Answers> answers = new HashMap<>();
        batches.getAll(guestIds.stream().map(id -> EventKeys.item(tenant, event, KIND, id)).toList())
                .forEach(item -> {
                    Answers a = answers(item);
                    answers.put(a.guestId(), a);
                });
        return answers;
    }

    public int companions(String tenant, String event, String holder) {
        var item = dynamo.getItem(b -> b.tableName(table).key(EventKeys.item(tenant, event, KIND, PARTY + holder))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? 0 : (int) Items.number(item, "companions", 0);
    }

    /** Replaces the answers of the guests named and the party's companions (when given). */
    public void save(String tenant, String event, List<Answers> answers, String holder, Integer companions) {
        List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> writes = new java.util.ArrayList<>();
        for (Answers a : answers) {
            Map<String, AttributeValue> item = new HashMap<>(EventKeys.item(tenant, event, KIND, a.guestId()));
            item.put("guest_id", Items.s(a.guestId()));
            Map<String, AttributeValue> stops = new LinkedHashMap<>();
            a.byStop().forEach((stop, status) -> stops.put(stop, Items.s(status)));
            item.put("stops", AttributeValue.fromM(stops));
            item.put("answered_at", Items.n(a.answeredAt()));
            writes.add(Batches.put(item));
        }
        if (companions != null) {
            Map<String, AttributeValue> party = new HashMap<>(EventKeys.item(tenant, event, KIND, PARTY + holder));
            party.put("companions", Items.n(companions));
            writes.add(Batches.put(party));
        }
        batches.writeAll(writes);
    }

    /** Confirmed guests per stop, and the companions every party announced: the event's RSVP counts. */
    public record Counts(Map<String, Long> confirmedByStop, Map<String, Long> declinedByStop, long companions) {
    }

    public Counts counts(String tenant, String event) {
        Map<String, Long> yes = new LinkedHashMap<>();
        Map<String, Long> no = new LinkedHashMap<>();
        long companions = 0;
        for (var item : dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, KIND))))).items()) {
            if (Items.string(item, Keys.SK).orElse("").startsWith(PARTY)) {
                companions += Items.number(item, "companions", 0);
                continue;
            }
            answers(item).byStop().forEach((stop, status) -> (status.equals("yes") ? yes : no).merge(stop, 1L, Long::sum));
        }
        return new Counts(yes, no, companions);
    }

    private static Answers answers(Map<String, AttributeValue> item) {
        Map<String, String> byStop = new LinkedHashMap<>();
        AttributeValue stops = item.get("stops");
        if (stops != null && stops.hasM()) {
            stops.m().forEach((stop, status) -> byStop.put(stop, status.s()));
        }
        return new Answers(Items.string(item, "guest_id").orElseThrow(), byStop, Items.number(item, "answered_at", 0));
    }
}
