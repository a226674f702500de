package io.seatpilot.core.paging;


import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.event.EventDefinition.OnCallContact;
import io.seatpilot.core.event.OnCallSubscriptions;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * The on-call channel (issue 14 §6): one SNS topic per stage ({@code OnCallTopic}); each event's contacts are
 * subscriptions to it whose filter policy is the event ({@code {"tenant":[t],"event":[e]}}), so one publish per
 * page reaches exactly that event's phones and e-mails, and a subscriber without a filter (the platform's own
 * on-call) hears every event.
 *
 * <p>At most once per alert and step: a page first claims {@code T#<tenant>#PAGE#<event>} / {@code <alert>#<step>}
 * with a put-if-absent, then publishes. A duplicated or redelivered SQS message finds the claim and publishes
 * nothing. A publish that fails releases the claim and throws, so the message's retry pages again; only a
 * function that dies between the claim and the publish loses the page (the claim item then shows it unsent).
 * SNS's own deduplication was not an option: it exists only on FIFO topics, which cannot deliver SMS or e-mail.
 */
public final class OnCall implements OnCallSubscriptions {

    static final Duration CLAIM_RETENTION = Duration.ofDays(30);

    /**
     * What a page says about its alert: ops' own words and places, never a guest's. {@code level} is the alert's
     * level as SPEC §9 names it; {@code stop} names a later stop of the event (SPEC §16: the reception after a
     * ceremony, maybe at another venue), null for the first, so whoever is woken knows where to go.
     */
    public record Page(String event, String alertId, String level, String zone, String stop, String message) {
    }

    /** What is paged: an escalated alert, or an evacuation's start. */
    public enum Step {
        ESCALATION("escalation"), EVACUATION("evacuation");

        final String key;

        Step(String key) {
            this.key = key;
        }
    }

    private final Supplier<SnsClient> sns;
    private final Supplier<String> topicArn;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    /** The stage's channel ({@code ONCALL_TOPIC_ARN}); the SNS client and topic are needed only when it is used. */
    public static OnCall forStage(Platform platform) {
        return new OnCall(() -> platform.clients().client("SNS", SnsClient.class, SnsClient::builder),
                () -> platform.env().require("ONCALL_TOPIC_ARN"), platform.dynamo(), platform.table(), platform.clock());
    }

    /** The SNS client and topic are resolved at the first use: functions that never page need neither. */
    public OnCall(Supplier<SnsClient> sns, Supplier<String> topicArn, DynamoDbClient dynamo, String table, Clock clock) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Makes the topic's subscriptions for this event exactly {@code contacts}: new ones subscribed, removed ones
     * unsubscribed. The event's subscription ARNs are kept in {@code T#<tenant>#ONCALL#<event>}. AWS asks an e-mail
     * subscriber to confirm once by a link it mails; SMS subscribers need no confirmation.
     */
    @Override
    public void subscribe(String tenant, String event, List<OnCallContact> contacts) {
        Map<String, AttributeValue> key = Items.key(Keys.tenant(tenant, "ONCALL", event), "SUBSCRIPTIONS");
        Map<String, AttributeValue> stored = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        Map<String, String> current = new LinkedHashMap<>();
        if (stored != null && stored.containsKey("subscriptions")) {
            stored.get("subscriptions").m().forEach((endpoint, arn) -> current.put(endpoint, arn.s()));
        }
        if (current.isEmpty() && contacts.isEmpty()) {
            return;
        }
        String filter = Json.write(Map.of("tenant", List.of(tenant), "event", List.of(event)));
        Map<String, String> wanted = new LinkedHashMap<>();
        for (OnCallContact contact : contacts) {
            String endpoint = contact.endpoint();
            String arn = current.get(endpoint);
            if (arn == null) {
                arn = sns.get().subscribe(b -> b.topicArn(topicArn.get()).protocol(contact.phone() != null ? "sms" : "email")
                        .endpoint(endpoint).attributes(Map.of("FilterPolicy", filter)).returnSubscriptionArn(true))
                        .subscriptionArn();
            }
            wanted.put(endpoint, arn);
        }
        current.forEach((endpoint, arn) -> {
            if (!wanted.containsKey(endpoint)) {
                sns.get().unsubscribe(b -> b.subscriptionArn(arn));
            }
        });
        Map<String, AttributeValue> item = new HashMap<>(key);
        Map<String, AttributeValue> arns = new LinkedHashMap<>();
        wanted.forEach((endpoint, arn) -> arns.put(endpoint, Items.s(arn)));
        item.put("subscriptions", AttributeValue.fromM(arns));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /**
     * Pages the event's on-call channel about this alert, once per alert and step; false when it was paged
     * before (a duplicate or redelivered message).
     */
    public boolean page(String tenant, Page alert, Step step) {
        Map<String, AttributeValue> claim = new HashMap<>(Items.key(Keys.tenant(tenant, "PAGE", alert.event()),
                alert.alertId() + "#" + step.key));
        long now = clock.millis();
        claim.put("claimed_at", Items.n(now));
        claim.put(Keys.EXPIRES_AT, Items.n(now / 1000 + CLAIM_RETENTION.toSeconds()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(claim).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException pagedBefore) {
            return false;
        }
        String messageId;
        try {
            messageId = sns.get().publish(b -> b.topicArn(topicArn.get()).subject(subject(alert, step)).message(text(alert, step))
                    .messageAttributes(Map.of("tenant", string(tenant), "event", string(alert.event()),
                            "level", string(alert.level()), "step", string(step.key),
                            // an SMS that wakes someone up is transactional: SNS gives it the reliable route
                            "AWS.SNS.SMS.SMSType", string("Transactional")))).messageId();
        } catch (RuntimeException e) {
            dynamo.deleteItem(b -> b.tableName(table).key(Items.key(claim.get("pk").s(), claim.get("sk").s())));
            throw e;
        }
        dynamo.updateItem(b -> b.tableName(table).key(Items.key(claim.get("pk").s(), claim.get("sk").s()))
                .updateExpression("SET message_id = :m").expressionAttributeValues(Map.of(":m", Items.s(messageId))));
        return true;
    }

    /** E-mail subject (SNS allows 100 characters; event ids are at most 64). */
    static String subject(Page alert, Step step) {
        return "SeatPilot " + (step == Step.EVACUATION ? "EVACUATION" : alert.level() + " not acknowledged")
                + " — " + alert.event();
    }

    /**
     * The page itself, short enough for one SMS in most cases: what, where, which alert. Alert messages are ops'
     * own words (≤ 7 words, SPEC §9), never a guest's name.
     */
    static String text(Page alert, Step step) {
        StringBuilder text = new StringBuilder("SeatPilot ").append(alert.event()).append(": ");
        text.append(step == Step.EVACUATION ? "EVACUATION started" : alert.level() + " not acknowledged");
        if (alert.stop() != null) {
            text.append(" at ").append(alert.stop());
        }
        if (alert.zone() != null) {
            text.append(", zone ").append(alert.zone());
        }
        if (alert.message() != null) {
            text.append(" - ").append(alert.message());
        }
        return text.append(" (alert ").append(alert.alertId()).append(')').toString();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
