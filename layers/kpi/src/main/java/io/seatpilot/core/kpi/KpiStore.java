package io.seatpilot.core.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.store.Batches;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.Keys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The KPI rollup's ledger in the single table.
 *
 * <ul>
 *   <li>Fact pages: {@code T#<tenant>#KPIFACT#<event>#C|F} / {@code <minute>#<page>}: the compact facts (ids,
 *       kinds, times, sessions, guests — never names) one stream batch brought for one minute. Check-ins
 *       ({@code C}) are apart from the scan flow ({@code F}) because door→seat pairs look back an hour for
 *       check-ins only, while scan pairs look back ten seconds: an hour of check-ins is a small read.</li>
 *   <li>Windows: {@code T#<tenant>#KPI#<event>} / {@code M#<minute>} and {@code H#<hour>}: sketches and counts.</li>
 *   <li>The events with facts not yet rolled up: {@code SYS#KPI#ACTIVE} / {@code <tenant>#<event>}, with the
 *       minutes that changed and a version. Like Ops Live's connection items it is the exception to the tenant
 *       prefix: the scheduled rollup is nobody's request and must find every tenant's busy events with one
 *       query; the tenant is in the sort key and every read that follows is under that tenant's prefix.</li>
 * </ul>
 */
public final class KpiStore implements KpiLedger {

    static final String ACTIVE_PK = "SYS#KPI#ACTIVE";
    static final Duration FACT_RETENTION = Duration.ofDays(7);
    static final Duration WINDOW_RETENTION = Duration.ofDays(90);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Batches batches;

    public KpiStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.batches = new Batches(dynamo, table);
    }

    // ---- facts ----

    /** One page per partition and minute; the page id is the batch's first stream sequence number. */
    @Override
    public void putPages(String tenant, String event, String pageId, Collection<KpiFact> facts) {
        Map<String, ArrayNode> pages = new TreeMap<>();
        Map<String, Long> newest = new HashMap<>();
        for (KpiFact fact : facts) {
            String key = suffix(FactPartition.of(fact)) + "|" + sortKey(Grain.MINUTE.start(fact.tsMs()));
            ArrayNode row = pages.computeIfAbsent(key, k -> Json.MAPPER.createArrayNode()).addArray();
            row.add(fact.eventId()).add(fact.kind().name()).add(fact.tsMs())
                    .add(fact.sessionId().orElse(null)).add(fact.guestId().orElse(null)).add(fact.doorToSeatId().orElse(null));
            newest.merge(key, fact.tsMs(), Math::max);
        }
        List<WriteRequest> puts = new ArrayList<>();
        pages.forEach((key, rows) -> {
            String[] parts = key.split("\\|");
            Map<String, AttributeValue> item = new HashMap<>(Items.key(factPartition(tenant, event, parts[0]), parts[1] + "#" + pageId));
            item.put("facts", Items.s(rows.toString()));
            item.put(Keys.EXPIRES_AT, Items.n(newest.get(key) / 1000 + FACT_RETENTION.toSeconds()));
            puts.add(Batches.put(item));
        });
        batches.writeAll(puts);
    }

    @Override
    public Collection<KpiFact> facts(String tenant, String event, FactPartition partition, long fromMs, long toMs) {
        Map<String, KpiFact> byId = new HashMap<>();
        query(factPartition(tenant, event, suffix(partition)), sortKey(Grain.MINUTE.start(fromMs)), sortKey(toMs), item -> {
            for (JsonNode row : Json.read(Items.string(item, "facts").orElse("[]"))) {
                KpiFact fact = new KpiFact(row.get(0).asText(), KpiFact.Kind.valueOf(row.get(1).asText()), row.get(2).asLong(),
                        optional(row.get(3)), optional(row.get(4)), optional(row.get(5)));
                byId.putIfAbsent(fact.eventId(), fact);
            }
        });
        return byId.values();
    }

    // ---- which events need a rollup ----

    @Override
    public void markDirty(String tenant, String event, Set<Long> minutes, long nowMs) {
        dynamo.updateItem(b -> b.tableName(table).key(Items.key(ACTIVE_PK, tenant + "#" + event))
                .updateExpression("SET tenant = :t, event = :e, last_fact_at = :now, expires_at = :exp ADD dirty :m, version :one")
                .expressionAttributeValues(Map.of(":t", Items.s(tenant), ":e", Items.s(event), ":now", Items.n(nowMs),
                        ":exp", Items.n(nowMs / 1000 + Duration.ofDays(2).toSeconds()), ":one", Items.n(1),
                        ":m", AttributeValue.fromNs(minutes.stream().map(String::valueOf).toList()))));
    }

    @Override
    public List<Dirty> dirtyEvents() {
        List<Dirty> dirty = new ArrayList<>();
        query(ACTIVE_PK, "!", "~", item -> {
            AttributeValue minutes = item.get("dirty");
            if (minutes != null && minutes.hasNs() && !minutes.ns().isEmpty()) {
                dirty.add(new Dirty(Items.string(item, "tenant").orElseThrow(), Items.string(item, "event").orElseThrow(),
                        Set.copyOf(minutes.ns().stream().map(Long::valueOf).toList()), Items.number(item, "version", 0)));
            }
        });
        return dirty;
    }

    @Override
    public boolean clearDirty(Dirty dirty) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Items.key(ACTIVE_PK, dirty.tenant() + "#" + dirty.event()))
                    .updateExpression("DELETE dirty :m").conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", Items.n(dirty.version()),
                            ":m", AttributeValue.fromNs(dirty.minutes().stream().map(String::valueOf).toList()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    // ---- windows ----

    @Override
    public void putWindows(String tenant, String event, Grain grain, Collection<KpiWindow> windows) {
        batches.writeAll(windows.stream().map(window -> Batches.put(windowItem(tenant, event, grain, window))).toList());
    }

    @Override
    public List<KpiWindow> windows(String tenant, String event, Grain grain, long fromMs, long toMs) {
        List<KpiWindow> windows = new ArrayList<>();
        query(Keys.tenant(tenant, "KPI", event), prefix(grain) + "#" + sortKey(fromMs), prefix(grain) + "#" + sortKey(toMs),
                item -> windows.add(window(item)));
        windows.removeIf(window -> window.fromMs() >= toMs);
        return windows;
    }

    private static Map<String, AttributeValue> windowItem(String tenant, String event, Grain grain, KpiWindow window) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.tenant(tenant, "KPI", event),
                prefix(grain) + "#" + sortKey(window.fromMs())));
        item.put("from", Items.n(window.fromMs()));
        item.put("to", Items.n(window.toMs()));
        item.put("ux", bytes(window.uxLatency()));
        item.put("tx", bytes(window.txLatency()));
        item.put("d2s", bytes(window.doorToSeat()));
        item.put("checkins", Items.n(window.checkins()));
        item.put("arrivals", Items.n(window.tableArrivals()));
        item.put("auto", Items.n(window.autoAssigned()));
        item.put("manual", Items.n(window.manualAssigned()));
        item.put("scans_ok", Items.n(window.successfulScans()));
        item.put("scan_errors", Items.n(window.scanErrors()));
        item.put("searches", Items.n(window.searches()));
        item.put("searches_nf", Items.n(window.searchesNotFound()));
        window.newestFactTsMs().ifPresent(newest -> item.put("newest", Items.n(newest)));
        item.put(Keys.EXPIRES_AT, Items.n(window.toMs() / 1000 + WINDOW_RETENTION.toSeconds()));
        return item;
    }

    private static KpiWindow window(Map<String, AttributeValue> item) {
        return new KpiWindow(Items.number(item, "from", 0), Items.number(item, "to", 0), sketch(item, "ux"), sketch(item, "tx"),
                sketch(item, "d2s"), Items.number(item, "checkins", 0), Items.number(item, "arrivals", 0),
                item.containsKey("newest") ? OptionalLong.of(Items.number(item, "newest", 0)) : OptionalLong.empty(),
                Items.number(item, "auto", 0), Items.number(item, "manual", 0), Items.number(item, "scans_ok", 0),
                Items.number(item, "scan_errors", 0), Items.number(item, "searches", 0), Items.number(item, "searches_nf", 0));
    }

    private static AttributeValue bytes(LatencySketch sketch) {
        return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(sketch.encode()));
    }

    private static LatencySketch sketch(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.b() == null ? LatencySketch.empty() : LatencySketch.decode(value.b().asByteArray());
    }

    // ---- plumbing ----

    /** Every item of the partition with {@code fromSk <= sk < toSk}, page by page. */
    private void query(String pk, String fromSk, String toSk, Consumer<Map<String, AttributeValue>> each) {
        var pages = dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Items.s(pk), ":from", Items.s(fromSk), ":to", Items.s(toSk))));
        for (var page : pages) {
            page.items().stream().filter(item -> Items.string(item, "sk").orElse("").compareTo(toSk) < 0).forEach(each);
        }
    }

    private static String suffix(FactPartition partition) {
        return switch (partition) {
            case CHECKINS -> "C";
            case FLOW -> "F";
        };
    }

    private static String prefix(Grain grain) {
        return switch (grain) {
            case MINUTE -> "M";
            case HOUR -> "H";
        };
    }

    private static String factPartition(String tenant, String event, String suffix) {
        return Keys.tenant(tenant, "KPIFACT", event, suffix);
    }

    /** Zero-padded so that the string order of sort keys is the order of times. */
    private static String sortKey(long ms) {
        return String.format("%013d", ms);
    }

    private static Optional<String> optional(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }
}
