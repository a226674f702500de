package io.seatpilot.core.kpi;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.StreamImages;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which changes of the single table are KPI facts: a raw telemetry event newly stored (by the ingest worker or,
 * for online check-ins and arrivals, in the check-in's own transaction) whose name SPEC §10 measures. Both paths
 * store the same raw item (EventStore.rawItem), so a fact reads the same whichever way it came.
 */
public final class KpiFacts {

    /**
     * The party event a fact is filed under when its payload names none (scan starts and render marks may omit
     * it): not a valid event id, so it can never collide with one. The rollup joins such facts to an event
     * through their session.
     */
    public static final String NO_EVENT = "-";

    private KpiFacts() {
    }

    /** A fact with what the stream tells about where it belongs. */
    public record Located(String tenant, String event, KpiFact fact) {
    }

    public static Optional<Located> of(DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = StreamImages.item(record.getDynamodb().getNewImage());
        String[] pk = Items.string(item, "pk").orElse("").split("#", 4);
        if (pk.length != 4 || !pk[0].equals("T") || !pk[2].equals("EVT") || !"E".equals(Items.string(item, "sk").orElse(null))) {
            return Optional.empty();
        }
        return Items.string(item, "event_name").flatMap(KpiFact.Kind::of).map(kind -> {
            JsonNode payload = Items.string(item, "envelope").map(Json::read).map(envelope -> envelope.path("payload"))
                    .orElse(Json.MAPPER.missingNode());
            String event = payload.hasNonNull("event") ? payload.get("event").asText() : NO_EVENT;
            Optional<String> guest = payload.hasNonNull("guest_id") ? Optional.of(payload.get("guest_id").asText()) : Optional.empty();
            KpiFact fact = new KpiFact(pk[3], kind, Items.number(item, "ts_ms", 0), Items.string(item, "session_id"), guest);
            return new Located(pk[1], event, fact);
        });
    }
}
