package io.seatpilot.core.audit;

import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The event's audit trail (SPEC §17): every action that changed people's data or safety — door check-ins, undos
 * and check-outs, guest imports, device keys, seating publishes, alerts, exits, muster — one item per action in the tenant's partition {@code T#<tenant>#AUDIT#<event>}, sort key
 * {@code <at, 13 digits>#<entry id>} so a query reads it in time order. Append-only twice over: every put is
 * conditional on the key being new ({@code attribute_not_exists(pk)}), and the template grants the safety
 * functions only {@code dynamodb:PutItem} on audit keys with that condition required — no UpdateItem, no
 * DeleteItem — so no function can rewrite or remove an entry. Entries expire after 365 days (SPEC §5 keeps safety
 * facts that long). Entry ids are derived from what they record (alert id + action, …), so a retried action
 * appends nothing twice.
 */
public final class AuditLog {

    public static final Duration RETENTION = Duration.ofDays(365);
    /**
     * Where actions on no one event are kept — a device key for every event of the tenant —, read with every event's
     * trail. Not an event id (those are {@code [a-z0-9-]{3,64}}), so no event's entries can land there.
     */
    public static final String TENANT_WIDE = "_tenant";
    public static final String KIND = "AUDIT";

    private final DynamoDbClient dynamo;
    private final String table;

    public AuditLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * One action. {@code actor} is an actor id ({@code user:<sub>}, {@code device:<id>}, {@code system:<what>}),
     * never a name; {@code subject} is the id acted on (alert, exit, guest). Two details are read by name: {@code
     * device_id} (the device a user acted through) and {@code reason}.
     */
    public record Entry(String entryId, String event, String action, String actor, String subject, long at,
                        Map<String, String> details) {
        public Entry {
            Objects.requireNonNull(entryId);
            details = details == null ? Map.of() : Map.copyOf(details);
        }
    }

    /**
     * Put-if-absent: the condition every audit write carries, whether {@link #append} makes it or a caller puts
     * {@link #item} inside its own transaction (the door does, so a check-in's entry costs no extra call).
     */
    public static final String APPEND_ONLY = "attribute_not_exists(pk)";

    /** @return false when the entry was already there (a retry), true when appended now */
    public boolean append(String tenant, Entry entry) {
        Map<String, AttributeValue> item = item(tenant, entry);
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression(APPEND_ONLY));
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }

    /** The item an entry is stored as; written only with {@link #APPEND_ONLY}. */
    public static Map<String, AttributeValue> item(String tenant, Entry entry) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(partition(tenant, entry.event()), sortKey(entry)));
        item.put("entry_id", Items.s(entry.entryId()));
        item.put("action", Items.s(entry.action()));
        item.put("actor", Items.s(entry.actor()));
        if (entry.subject() != null) {
            item.put("subject", Items.s(entry.subject()));
        }
        item.put("at", Items.n(entry.at()));
        entry.details().forEach((name, value) -> item.put("d_" + name, Items.s(value)));
        item.put(Keys.EXPIRES_AT, Items.n(entry.at() / 1000 + RETENTION.toSeconds()));
        return item;
    }

    /** The event's entries, oldest first (tests and the audit export). */
    public java.util.List<Entry> entries(String tenant, String event) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(partition(tenant, event))))).items().stream()
                .map(item -> entry(event, item)).toList();
    }

    /** One page of a time range, oldest first; {@code next} is the sort key to continue after, when more remain. */
    public record Page(java.util.List<Entry> entries, java.util.Optional<String> next) {
    }

    /** A page cursor: a sort key of this log ({@code <at, 13 digits>#<entry id>}), nothing else. */
    public static final java.util.regex.Pattern CURSOR = java.util.regex.Pattern.compile("\\d{13}#[A-Za-z0-9._:#-]{1,300}");

    /**
     * Entries of the event's trail and of the tenant-wide one with {@code from ≤ at < to}, oldest first, at most
     * {@code limit}, starting after {@code after} (a cursor a previous page returned). Both trails share the sort
     * key's form, so one cursor continues both; each read takes {@code limit + 1} items so {@code next} is given
     * only when there is more.
     */
    public Page page(String tenant, String event, long from, long to, int limit, java.util.Optional<String> after) {
        Page own = partitionPage(tenant, event, from, to, limit, after);
        Page wide = partitionPage(tenant, TENANT_WIDE, from, to, limit, after);
        java.util.List<Entry> merged = new java.util.ArrayList<>(own.entries());
        merged.addAll(wide.entries());
        merged.sort(java.util.Comparator.comparing(AuditLog::sortKey));
        boolean more = merged.size() > limit || own.next().isPresent() || wide.next().isPresent();
        java.util.List<Entry> entries = merged.stream().limit(limit).toList();
        return new Page(entries, more && !entries.isEmpty() ? java.util.Optional.of(sortKey(entries.getLast()))
                : java.util.Optional.empty());
    }

    private static String sortKey(Entry entry) {
        return String.format("%013d#%s", entry.at(), entry.entryId());
    }

    private Page partitionPage(String tenant, String event, long from, long to, int limit, java.util.Optional<String> after) {
        String pk = partition(tenant, event);
        var response = dynamo.query(b -> {
            b.tableName(table).consistentRead(true).limit(limit + 1)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :lo AND :hi")
                    .expressionAttributeValues(Map.of(":pk", Items.s(pk), ":lo", Items.s(String.format("%013d", from)),
                            ":hi", Items.s(String.format("%013d", to))));
            after.ifPresent(sk -> b.exclusiveStartKey(Items.key(pk, sk)));
        });
        var items = response.items();
        java.util.List<Entry> entries = items.stream().limit(limit).map(item -> entry(event, item)).toList();
        java.util.Optional<String> next = items.size() > limit
                ? Items.string(items.get(limit - 1), "sk") : java.util.Optional.empty();
        return new Page(entries, next);
    }

    private static Entry entry(String event, Map<String, AttributeValue> item) {
        Map<String, String> details = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith("d_")) {
                details.put(name.substring(2), value.s());
            }
        });
        return new Entry(Items.string(item, "entry_id").orElseThrow(), event,
                Items.string(item, "action").orElseThrow(), Items.string(item, "actor").orElseThrow(),
                Items.string(item, "subject").orElse(null), Items.number(item, "at", 0), details);
    }

    static String partition(String tenant, String event) {
        return Keys.tenant(tenant, KIND, event);
    }
}
