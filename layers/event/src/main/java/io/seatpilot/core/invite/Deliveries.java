package io.seatpilot.core.invite;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Items;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One delivery record per guest, template and channel ({@code T#<tenant>#E#<event>#INVITE}): the state a planner
 * reads and the guard that makes a message go out once. Queuing is a conditional put (once, unless resent, which
 * starts a new generation); sending starts with a conditional claim of the message's generation, so a duplicate
 * SQS delivery, or one of an older generation, finds nothing to claim and sends nothing.
 */
public final class Deliveries {

    static final String KIND = "INVITE";
    public static final String QUEUED = "queued";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    /** A claim older than this outlived the sender's Timeout: its outcome is unknown (see {@link #settleStale}). */
    static final long STALE_CLAIM_MS = 5 * 60_000;

    private final DynamoDbClient dynamo;
    private final String table;

    public Deliveries(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Which message this is; {@code round} tells the scheduled reminders apart ({@code 72h}, {@code 2h}: each is
     * once per guest), null for a planner's request. {@code generation} grows by one with each resend.
     */
    public record Key(String tenant, String event, String guestId, InvitationTemplate template, Channel channel, String round) {
        public Key(String tenant, String event, String guestId, InvitationTemplate template, Channel channel) {
            this(tenant, event, guestId, template, channel, null);
        }

        Map<String, AttributeValue> item() {
            String what = round == null ? template.wire() : template.wire() + "@" + round;
            return EventKeys.item(tenant, event, KIND, what + "#" + channel.wire() + "#" + guestId);
        }
    }

    /** A guest's delivery as {@code GET …/invitations} answers it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(@JsonProperty("guest_id") String guestId, @JsonProperty("template") String template,
                         @JsonProperty("round") String round, @JsonProperty("channel") String channel, @JsonProperty("status") String status,
                         @JsonProperty("reason") String reason, @JsonProperty("attempts") long attempts,
                         @JsonProperty("queued_at") Long queuedAt, @JsonProperty("sent_at") Long sentAt) {
    }

    /**
     * Records the message as queued and answers its generation, or 0 when it was queued before and this is no
     * resend (nothing to do: once per guest, template and channel).
     */
    public long queue(Key key, boolean resend, long now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":queued", Items.s(QUEUED), ":now", Items.n(now),
                ":one", Items.n(1), ":g", Items.s(key.guestId())));
        try {
            var answer = dynamo.updateItem(u -> u.tableName(table).key(key.item())
                    .updateExpression("SET #s = :queued, queued_at = :now, guest_id = :g, attempts = :zero"
                            + " ADD generation :one REMOVE reason, retryable, sent_at, message_id, claimed_at")
                    .conditionExpression(resend ? "attribute_not_exists(pk) OR #s <> :sending" : "attribute_not_exists(pk)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(withZero(values, resend))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.UPDATED_NEW));
            return Items.number(answer.attributes(), "generation", 1);
        } catch (ConditionalCheckFailedException already) {
            return 0;
        }
    }

    private static Map<String, AttributeValue> withZero(Map<String, AttributeValue> values, boolean resend) {
        values.put(":zero", Items.n(0));
        if (resend) {
            values.put(":sending", Items.s(SENDING));
        }
        return values;
    }

    /**
     * Claims the message's generation for sending: it must be queued, or have failed in a way worth retrying.
     * False for a duplicate delivery, an older generation, or one already sent or finally failed.
     */
    public boolean claim(Key key, long generation, long now) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key.item())
                    .updateExpression("SET #s = :sending, claimed_at = :now ADD attempts :one")
                    .conditionExpression("generation = :g AND (#s = :queued OR (#s = :failed AND retryable = :yes))")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":sending", Items.s(SENDING), ":now", Items.n(now), ":one", Items.n(1),
                            ":g", Items.n(generation), ":queued", Items.s(QUEUED), ":failed", Items.s(FAILED),
                            ":yes", AttributeValue.fromBool(true))));
            return true;
        } catch (ConditionalCheckFailedException notClaimable) {
            return false;
        }
    }

    public void sent(Key key, long generation, String messageId, long now) {
        settle(key, generation, "SET #s = :v, sent_at = :now, message_id = :m REMOVE reason, retryable",
                Map.of(":v", Items.s(SENT), ":now", Items.n(now), ":m", Items.s(messageId)));
    }

    /** {@code reason} is the provider's error, never the guest's address or number (see {@link Failure}). */
    public void failed(Key key, long generation, String reason, boolean retryable, long now) {
        settle(key, generation, "SET #s = :v, reason = :r, retryable = :retry, failed_at = :now",
                Map.of(":v", Items.s(FAILED), ":r", Items.s(reason), ":retry", AttributeValue.fromBool(retryable),
                        ":now", Items.n(now)));
    }

    /**
     * A claim that no sender settled (the instance died between the provider's answer and this record) cannot be
     * sent again without risking a second message; it becomes a final failure a planner sees and may resend.
     */
    public boolean settleStale(Key key, long generation, long now) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key.item())
                    .updateExpression("SET #s = :failed, reason = :r, retryable = :no")
                    .conditionExpression("generation = :g AND #s = :sending AND claimed_at < :stale")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":failed", Items.s(FAILED), ":r", Items.s("outcome_unknown"),
                            ":no", AttributeValue.fromBool(false), ":g", Items.n(generation),
                            ":sending", Items.s(SENDING), ":stale", Items.n(now - STALE_CLAIM_MS))));
            return true;
        } catch (ConditionalCheckFailedException notStale) {
            return false;
        }
    }

    private void settle(Key key, long generation, String update, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":g", Items.n(generation));
        all.put(":sending", Items.s(SENDING));
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key.item()).updateExpression(update)
                    .conditionExpression("generation = :g AND #s = :sending")
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(all));
        } catch (ConditionalCheckFailedException resent) {
            // a resend started a new generation meanwhile: its own record is the one to keep
        }
    }

    /** Every delivery of the event, by template, channel and guest. */
    public List<Status> list(String tenant, String event) {
        return list(tenant, event, null);
    }

    /** The deliveries of one template and channel ({@code what} = {@code <template>#<channel>#}), or all when null. */
    public List<Status> list(String tenant, String event, String what) {
        if (what != null) {
            return dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :w)")
                            .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, KIND)),
                                    ":w", Items.s(what))))
                    .items().stream().map(Deliveries::status).toList();
        }
        return dynamo.queryPaginator(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(EventKeys.partition(tenant, event, KIND)))))
                .items().stream().map(Deliveries::status).toList();
    }

    private static Status status(Map<String, AttributeValue> item) {
        String[] parts = Items.string(item, "sk").orElseThrow().split("#", 3);
        String status = Items.string(item, "status").orElseThrow();
        // a claim in flight is still queued for whoever asks; a retryable failure is failed, with its reason
        String shown = SENDING.equals(status) ? QUEUED : status;
        String[] what = parts[0].split("@", 2);
        return new Status(parts[2], what[0], what.length > 1 ? what[1] : null, parts[1], shown, Items.string(item, "reason").orElse(null),
                Items.number(item, "attempts", 0), item.containsKey("queued_at") ? Items.number(item, "queued_at", 0) : null,
                item.containsKey("sent_at") ? Items.number(item, "sent_at", 0) : null);
    }
}
