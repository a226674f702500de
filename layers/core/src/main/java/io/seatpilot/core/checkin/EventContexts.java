package io.seatpilot.core.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.seatpilot.core.event.EventKeys;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.TableLayout;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.snapstart.EmptiedAroundSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Loads an event's context and keeps it per function instance for a short time: at the door the same event is
 * asked for thousands of times while its layout and plan change rarely, so a scan pays for the guest only.
 * Only events that exist are kept, so an event created a moment ago is found at once.
 */
public final class EventContexts implements EmptiedAroundSnapshot {

    public static final Duration TTL = Duration.ofSeconds(30);

    private final EventSetupStore setup;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Cache<String, EventContext> cache;

    public EventContexts(EventSetupStore setup, DynamoDbClient dynamo, String table) {
        this.setup = setup;
        this.dynamo = dynamo;
        this.table = table;
        this.cache = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(200).build();
    }

    /** The event's context, or {@code 404 not_found} (also for another tenant's event, which is never disclosed). */
    public EventContext require(String tenant, String eventId) {
        if (!EventKeys.EVENT_ID.matcher(eventId).matches()) {
            throw new ApiException(Reason.NOT_FOUND, "No such event");
        }
        String key = tenant + "#" + eventId;
        EventContext cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        EventContext loaded = load(tenant, eventId).orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such event"));
        cache.put(key, loaded);
        return loaded;
    }

    /**
     * The event's context read now, bypassing (and refreshing) the cache: for reads that must show the plan as it
     * is, such as the evacuation roll call, where a 30 s old table would send a steward to the wrong place.
     */
    public EventContext fresh(String tenant, String eventId) {
        if (!EventKeys.EVENT_ID.matcher(eventId).matches()) {
            throw new ApiException(Reason.NOT_FOUND, "No such event");
        }
        EventContext loaded = load(tenant, eventId).orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such event"));
        cache.put(tenant + "#" + eventId, loaded);
        return loaded;
    }

    private Optional<EventContext> load(String tenant, String eventId) {
        return setup.event(tenant, eventId).map(definition -> new EventContext(eventId, definition,
                setup.tables(tenant, eventId).stream().collect(Collectors.toMap(TableLayout::id, Function.identity())),
                publishedTables(tenant, eventId)));
    }

    /** Guest → table of the plan the seating function published (gzipped plan file, SPEC §8), if any. */
    private Map<String, String> publishedTables(String tenant, String eventId) {
        var item = dynamo.getItem(b -> b.tableName(table)
                .key(EventKeys.item(tenant, eventId, EventKeys.SEATING, "PUBLISHED"))
                .projectionExpression("plan_gz")).item();
        if (item == null || item.get("plan_gz") == null) {
            return Map.of();
        }
        try (var in = new GZIPInputStream(item.get("plan_gz").b().asInputStream())) {
            JsonNode assignments = Json.MAPPER.readTree(in).path("assignments");
            Map<String, String> tables = new HashMap<>();
            assignments.properties().forEach(e -> tables.put(e.getKey(), e.getValue().asText()));
            return tables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TTL is counted on a clock a snapshot stops: a restored environment would serve a layout read at init. */
    @Override
    public Cache<?, ?> snapshotCache() {
        return cache;
    }
}
