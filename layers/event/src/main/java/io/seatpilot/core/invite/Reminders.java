package io.seatpilot.core.invite;

import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.store.Items;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Reminder rounds before the first stop (SPEC §16: 72 h and 2 h). Invitations sent on a channel plan the event's
 * rounds that are still ahead in one registry partition, {@code SYS#INVITE#REMINDERS} / {@code <due at>#<tenant>#
 * <event>#<channel>#<round>}: like the KPI rollup's active-event list, it is the exception to the tenant prefix,
 * because the schedule is nobody's request and must find every tenant's due rounds with one query; the tenant is in
 * the sort key and every read that follows is under that tenant's prefix. A round is taken by deleting its item
 * (conditional), so two schedule runs never remind twice; the delivery records make each reminder once per guest.
 */
public final class Reminders {

    static final String PK = "SYS#INVITE#REMINDERS";
    /** Round name and how long before the first stop it goes out. */
    public static final Map<String, Duration> ROUNDS = Map.of("72h", Duration.ofHours(72), "2h", Duration.ofHours(2));

    private final DynamoDbClient dynamo;
    private final String table;

    public Reminders(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public record Due(long dueAt, String tenant, String event, Channel channel, String round) {
        String sk() {
            return String.format("%013d", dueAt) + "#" + tenant + "#" + event + "#" + channel.wire() + "#" + round;
        }

        static Due of(String sk) {
            String[] p = sk.split("#");
            return new Due(Long.parseLong(p[0]), p[1], p[2], Channel.fromWire(p[3]).orElseThrow(), p[4]);
        }
    }

    /** Plans the rounds still ahead (a round already past when invitations go out is not sent late). */
    public void plan(String tenant, String event, EventDefinition definition, Channel channel, long now) {
        InvitationContent.firstStop(definition).ifPresent(stop -> ROUNDS.forEach((round, before) -> {
            long dueAt = stop.startsAt() - before.toMillis();
            if (dueAt > now) {
                Map<String, AttributeValue> item = new HashMap<>(Items.key(PK, new Due(dueAt, tenant, event, channel, round).sk()));
                item.put("expires_at", Items.n(stop.startsAt() / 1000 + Duration.ofDays(7).toSeconds()));
                dynamo.putItem(b -> b.tableName(table).item(item));
            }
        }));
    }

    /** The rounds due by {@code now}, oldest first. */
    public List<Due> due(long now) {
        List<Due> due = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk AND sk <= :now")
                        .expressionAttributeValues(Map.of(":pk", Items.s(PK), ":now", Items.s(String.format("%013d", now) + "~"))))
                .items().forEach(item -> due.add(Due.of(Items.string(item, "sk").orElseThrow())));
        return due;
    }

    /** Puts a taken round back (queuing it failed): the next run takes it again. */
    public void putBack(Due due) {
        dynamo.putItem(b -> b.tableName(table).item(Items.key(PK, due.sk())));
    }

    /** Takes a round: true for exactly one caller. */
    public boolean take(Due due) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Items.key(PK, due.sk())).conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }
}
