package io.seatpilot.core.seating;

import com.fasterxml.jackson.core.type.TypeReference;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import io.seatpilot.seating.Guest;
import io.seatpilot.seating.Lock;
import io.seatpilot.seating.PlanFile;
import io.seatpilot.seating.Relation;
import io.seatpilot.seating.SeatingProblem;
import io.seatpilot.seating.Weights;
import java.util.HashSet;
import io.seatpilot.seating.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Seating data of one event in the single table, all under {@code T#<tenant>#EVENT#<event>#…}: guests (sk = guest
 * id) and tables (sk = table id) as the event set-up import writes them ({@code EventKeys}), and one
 * {@code SEATING} partition holding the
 * planner's relations, the locks, the working plan and the published plan. Plans are gzipped JSON, because the
 * explanations of 3 000 guests exceed DynamoDB's 400 KB item limit as plain text.
 *
 * <p>Every change of the published plan (a publish, a re-seat, a walk-in) also adds one to the small
 * {@code PUBREV} item's {@code revision}, in the same transaction: the door keeps the plan in memory and reads
 * that one small item to learn that it changed, instead of the whole plan.
 */
public final class SeatingStore {

    public static final String PLAN = "PLAN";
    public static final String PUBLISHED = "PUBLISHED";
    public static final String PUBLISHED_REVISION = "PUBREV";
    /** The published plan's guest → table map (gzipped JSON), on the revision item. */
    private static final String SEATS = "seats_gz";

    private static final TypeReference<List<Relation>> RELATIONS = new TypeReference<>() { };
    private static final TypeReference<List<List<String>>> PAIRS = new TypeReference<>() { };
    private static final TypeReference<List<Lock>> LOCKS = new TypeReference<>() { };
    /** DynamoDB's 400 KB item less room for the key and attribute names. */
    private static final int MAX_LIST_BYTES = 390_000;

    private final DynamoDbClient dynamo;
    private final String table;

    public SeatingStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Whether the event was created in this tenant (its definition item exists). */
    public boolean eventExists(String tenant, String event) {
        var item = dynamo.getItem(b -> b.tableName(table).key(EventKeys.event(tenant, event))
                .projectionExpression(Keys.PK)).item();
        return item != null && !item.isEmpty();
    }

    /**
     * The problem file from stored data; {@code current} is the plan whose changes cost {@code weights.move}
     * (empty: none). Wishes and locks of guests who declined since they were set are left out, not refused.
     */
    public SeatingProblem problem(String tenant, String event, Weights weights, Map<String, String> current) {
        List<Guest> guests = guests(tenant, event);
        Set<String> attending = new HashSet<>();
        guests.forEach(g -> attending.add(g.id()));
        SeatingStore.Wishes wishes = wishes(tenant, event);
        return new SeatingProblem(tables(tenant, event), guests,
                wishes.relations().stream().filter(r -> attending.contains(r.a()) && attending.contains(r.b())).toList(),
                wishes.mustApart().stream().filter(attending::containsAll).toList(),
                locks(tenant, event).stream().filter(l -> attending.contains(l.guest())).toList(), current, weights);
    }

    /** Guests invited and not declined. */
    public List<Guest> guests(String tenant, String event) {
        return query(EventKeys.partition(tenant, event, EventKeys.GUEST)).stream()
                .filter(item -> !"declined".equals(Items.string(item, "rsvp").orElse("")))
                .map(item -> new Guest(Items.string(item, Keys.SK).orElseThrow(),
                        Items.string(item, "household_id").orElse(null), Set.copyOf(Items.strings(item, "tags"))))
                .toList();
    }

    public List<Table> tables(String tenant, String event) {
        return query(EventKeys.partition(tenant, event, EventKeys.TABLE)).stream()
                .map(item -> new Table(Items.string(item, Keys.SK).orElseThrow(), (int) Items.number(item, "capacity", 0),
                        Items.string(item, "zone").orElse(null), Set.copyOf(Items.strings(item, "tags"))))
                .toList();
    }

    public Wishes wishes(String tenant, String event) {
        return get(tenant, event, "RELATIONS")
                .map(item -> new Wishes(read(text(item, "relations"), RELATIONS), read(text(item, "must_apart"), PAIRS)))
                .orElse(new Wishes(List.of(), List.of()));
    }

    public void putWishes(String tenant, String event, Wishes wishes) {
        String relations = Json.write(wishes.relations());
        String mustApart = Json.write(wishes.mustApart());
        requireFits("relations", relations, mustApart);
        put(tenant, event, "RELATIONS", Map.of("relations", Items.s(relations), "must_apart", Items.s(mustApart)));
    }

    public List<Lock> locks(String tenant, String event) {
        return get(tenant, event, "LOCKS").map(item -> read(text(item, "locks"), LOCKS)).orElse(List.of());
    }

    public void putLocks(String tenant, String event, List<Lock> locks) {
        String json = Json.write(locks);
        requireFits("locks", json);
        put(tenant, event, "LOCKS", Map.of("locks", Items.s(json)));
    }

    /**
     * Wishes and locks are one item each, and guest ids may be 128 bytes: lists within their count bounds can still
     * exceed DynamoDB's 400 KB item, which is refused here with 413 rather than by DynamoDB with a 500.
     */
    private static void requireFits(String field, String... attributes) {
        long bytes = Arrays.stream(attributes).mapToLong(a -> a.getBytes(StandardCharsets.UTF_8).length).sum();
        if (bytes > MAX_LIST_BYTES) {
            throw ApiException.field(Reason.PAYLOAD_TOO_LARGE, field,
                    field + " take " + bytes + " bytes stored; at most " + MAX_LIST_BYTES);
        }
    }

    public Optional<StoredPlan> plan(String tenant, String event) {
        return get(tenant, event, PLAN).map(SeatingStore::storedPlan);
    }

    /** The working plan's version (0: none) without reading the plan itself. */
    public long planVersion(String tenant, String event) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Items.key(seatingPk(tenant, event), PLAN))
                .projectionExpression("version")).item();
        return item == null || item.isEmpty() ? 0 : Items.number(item, "version", 0);
    }

    public Optional<StoredPlan> published(String tenant, String event) {
        return get(tenant, event, PUBLISHED).map(SeatingStore::storedPlan);
    }

    /**
     * Stores {@code plan} as version {@code expectedVersion + 1}, only if the stored version is still
     * {@code expectedVersion} (0: no plan yet); answers false when another writer came first.
     */
    public boolean replacePlan(String tenant, String event, long expectedVersion, PlanFile plan, Set<String> byHand, long now) {
        Map<String, AttributeValue> item = planItem(tenant, event, PLAN, expectedVersion + 1, plan, byHand, now);
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression(expectedVersion == 0 ? "attribute_not_exists(pk)" : "version = :expected")
                    .expressionAttributeValues(expectedVersion == 0 ? null : Map.of(":expected", Items.n(expectedVersion))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Copies {@code plan} to the published one, in one transaction with a check that the working plan is still
     * that version; answers false when a move or solve replaced it since it was read.
     */
    public boolean publish(String tenant, String event, StoredPlan plan, long now) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                            .key(Items.key(seatingPk(tenant, event), PLAN))
                            .conditionExpression("version = :version")
                            .expressionAttributeValues(Map.of(":version", Items.n(plan.version()))).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(planItem(tenant, event, PUBLISHED, plan.version(), plan.plan(), plan.byHand(), now)).build()).build(),
                    nextRevision(tenant, event, -1, plan.plan())));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    /**
     * A day-of change (walk-in, re-seat) of the published plan and, when given, of the working plan too, so the
     * next publish keeps it: one transaction, conditional on the published plan's revision and the working plan's
     * version as they were read. Answers false when another change came first (read again and retry).
     */
    public boolean changeOnTheDay(String tenant, String event, PublishedPlan published, PlanFile plan, Set<String> byHand,
                                  Optional<WorkingChange> working, List<TransactWriteItem> alongside, long now) {
        List<TransactWriteItem> writes = new java.util.ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(planItem(tenant, event, PUBLISHED,
                working.filter(w -> w.before().version() == published.plan().version()).map(w -> w.before().version() + 1)
                        .orElse(published.plan().version()), plan, byHand, now)).build()).build());
        working.ifPresent(w -> writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(planItem(tenant, event, PLAN, w.before().version() + 1, w.plan(), w.byHand(), now))
                .conditionExpression("version = :version")
                .expressionAttributeValues(Map.of(":version", Items.n(w.before().version()))).build()).build()));
        writes.add(nextRevision(tenant, event, published.revision(), plan));
        writes.addAll(alongside);
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    /** The working plan as read, and what a day-of change makes of it. */
    public record WorkingChange(StoredPlan before, PlanFile plan, Set<String> byHand) {
    }

    /** The published plan with the revision every change of it bumps (0 before the first). */
    public record PublishedPlan(StoredPlan plan, long revision) {
    }

    /**
     * The revision is read first: a publish between the two reads leaves it behind the plan read, so the change
     * conditioned on it is refused and read again, never written over a plan it did not see.
     */
    public Optional<PublishedPlan> publishedWithRevision(String tenant, String event) {
        long revision = revision(tenant, event);
        return get(tenant, event, PUBLISHED).map(item -> new PublishedPlan(storedPlan(item), revision));
    }

    /** The published plan's revision (0 before any) and who sits where in it: what the door seats by. */
    public record PublishedSeats(long revision, Map<String, String> assignments) {
    }

    /**
     * {@link PublishedSeats} in one read: every publish and day-of change writes the plan's guest → table map beside
     * the revision it bumps (in the same transaction), so the door reads neither the plan file — whose explanations
     * are most of its bytes — nor a second item, and the map and its revision are always of the same plan.
     */
    public PublishedSeats publishedSeats(String tenant, String event) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(revisionKey(tenant, event))).item();
        long revision = item == null || item.isEmpty() ? 0 : Items.number(item, "revision", 0);
        if (revision == 0) {
            return new PublishedSeats(0, Map.of());
        }
        AttributeValue seats = item.get(SEATS);
        // a plan published before its seats were kept beside the revision: from its file, read after the revision
        return new PublishedSeats(revision, seats == null ? publishedAssignments(tenant, event)
                : read(gunzip(seats.b().asByteArray()), new TypeReference<Map<String, String>>() { }));
    }

    private Map<String, String> publishedAssignments(String tenant, String event) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Items.key(seatingPk(tenant, event), PUBLISHED))
                .projectionExpression("plan_gz")).item();
        if (item == null || item.get("plan_gz") == null) {
            return Map.of();
        }
        PlanFile plan = read(gunzip(item.get("plan_gz").b().asByteArray()), new TypeReference<PlanFile>() { });
        return plan.assignments() == null ? Map.of() : plan.assignments();
    }

    public long revision(String tenant, String event) {
        // the seats beside it are not needed to see whether the plan changed (checked once a second per busy door)
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(revisionKey(tenant, event))
                .projectionExpression("revision")).item();
        return item == null || item.isEmpty() ? 0 : Items.number(item, "revision", 0);
    }

    /**
     * % auto-assign of SPEC §10 as the assign API recorded it: of the guests the plan check-in uses seats (else the
     * working plan's), how many the engine placed and how many were placed by hand. Empty before any plan.
     */
    public Optional<SeatOrigins> origins(String tenant, String event) {
        return get(tenant, event, PUBLISHED).or(() -> get(tenant, event, PLAN)).map(item -> {
            long assigned = Items.number(item, "assigned", 0);
            long manual = Math.min(assigned, byHand(item).size());
            return new SeatOrigins(assigned - manual, manual, PUBLISHED.equals(Items.string(item, Keys.SK).orElse("")) ? "published" : "working");
        });
    }

    /** The published plan's change counter the door polls (0: never changed or none). */
    public static Map<String, AttributeValue> revisionKey(String tenant, String event) {
        return EventKeys.item(tenant, event, EventKeys.SEATING, PUBLISHED_REVISION);
    }

    /**
     * Adds one to the revision and puts {@code plan}'s seats beside it; with {@code seen} ≥ 0 only if it is still that
     * (0: never written).
     */
    private TransactWriteItem nextRevision(String tenant, String event, long seen, PlanFile plan) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", Items.n(1), ":seats", AttributeValue.fromB(
                SdkBytes.fromByteArray(gzip(Json.write(plan.assignments() == null ? Map.of() : plan.assignments()))))));
        Update.Builder update = Update.builder().tableName(table).key(revisionKey(tenant, event))
                .updateExpression("ADD revision :one SET " + SEATS + " = :seats");
        if (seen == 0) {
            update.conditionExpression("attribute_not_exists(revision)");
        } else if (seen > 0) {
            update.conditionExpression("revision = :seen");
            values.put(":seen", Items.n(seen));
        }
        update.expressionAttributeValues(values);
        return TransactWriteItem.builder().update(update.build()).build();
    }

    private Map<String, AttributeValue> planItem(String tenant, String event, String sk, long version, PlanFile plan,
                                                 Set<String> byHand, long now) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(seatingPk(tenant, event), sk));
        item.put("version", Items.n(version));
        item.put("updated_at", Items.n(now));
        item.put("plan_gz", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(Json.write(plan)))));
        // a set of up to 3 000 ids of up to 128 bytes would not fit beside the plan unpacked
        item.put("by_hand_gz", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(Json.write(byHand.stream().sorted().toList())))));
        item.put("assigned", Items.n(plan.assignments() == null ? 0 : plan.assignments().size()));
        return item;
    }

    private static StoredPlan storedPlan(Map<String, AttributeValue> item) {
        return new StoredPlan(Items.number(item, "version", 0),
                read(gunzip(item.get("plan_gz").b().asByteArray()), new TypeReference<PlanFile>() { }), byHand(item));
    }

    /** Guests placed by hand in a stored plan item (empty for plans stored before this was recorded). */
    public static Set<String> byHand(Map<String, AttributeValue> item) {
        var packed = item.get("by_hand_gz");
        return packed == null ? Set.of() : Set.copyOf(read(gunzip(packed.b().asByteArray()), new TypeReference<List<String>>() { }));
    }

    private Optional<Map<String, AttributeValue>> get(String tenant, String event, String sk) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Items.key(seatingPk(tenant, event), sk))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private void put(String tenant, String event, String sk, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(Items.key(seatingPk(tenant, event), sk));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private List<Map<String, AttributeValue>> query(String pk) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(pk))))
                .items().stream().toList();
    }

    private static String seatingPk(String tenant, String event) {
        return EventKeys.partition(tenant, event, EventKeys.SEATING);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return Items.string(item, name).orElse("[]");
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored form of a plan (package-visible so a test can hold the largest plan against the item limit). */
    public static byte[] gzip(String text) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] data) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The planner's wishes of {@code PUT …/seating/relations}. */
    public record Wishes(List<Relation> relations, List<List<String>> mustApart) {
    }
}
