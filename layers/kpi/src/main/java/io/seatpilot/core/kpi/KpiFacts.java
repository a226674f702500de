package io.seatpilot.core.kpi;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.StreamImages;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The facts of one stream record: none, one, or — for a household check-in, which names its members in
     * {@code guest_ids} — one per member, so each member's walk to the table pairs with their own check-in. Only
     * the first member's fact keeps the session: the scan was one, and so is its latency sample. Every member keeps
     * the envelope's {@code correlation.door_to_seat_id}, so each member's arrival may carry it.
     */
    public static List<Located> of(DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null) {
            return List.of();
        }
        Map<String, AttributeValue> item = StreamImages.item(record.getDynamodb().getNewImage());
        String[] pk = Items.string(item, "pk").orElse("").split("#", 4);
        if (pk.length != 4 || !pk[0].equals("T") || !pk[2].equals("EVT") || !"E".equals(Items.string(item, "sk").orElse(null))) {
            return List.of();
        }
        Optional<KpiFact.Kind> named = Items.string(item, "event_name").flatMap(KpiFact.Kind::of);
        if (named.isEmpty()) {
            return List.of();
        }
        JsonNode envelope = Items.string(item, "envelope").map(Json::read).orElse(Json.MAPPER.missingNode());
        JsonNode payload = envelope.path("payload");
        Optional<KpiFact.Kind> kind = named.map(k -> switch (k) {
            case SEAT_ASSIGNED_AUTO -> "manual".equals(payload.path("mode").asText()) ? KpiFact.Kind.SEAT_ASSIGNED_MANUAL : k;
            // a search that listed nobody is a not-found, whichever of the two names the client sent it under
            case SEARCH_FOUND -> payload.path("results_count").isIntegralNumber() && payload.get("results_count").asLong() == 0
                    ? KpiFact.Kind.SEARCH_NOT_FOUND : k;
            default -> k;
        });
        if (kind.get() == KpiFact.Kind.SEAT_ASSIGNED_AUTO && !payload.hasNonNull("mode")) {
            return List.of(); // the dictionary's seat_assigned may omit mode: neither auto nor manual, so not counted
        }
        String event = payload.hasNonNull("event") ? payload.get("event").asText() : NO_EVENT;
        long ts = Items.number(item, "ts_ms", 0);
        Optional<String> session = Items.string(item, "session_id");
        JsonNode correlation = envelope.path("correlation").path("door_to_seat_id");
        Optional<String> doorToSeat = correlation.isTextual() ? Optional.of(correlation.asText()) : Optional.empty();
        if (payload.path("guest_ids").isArray() && !payload.get("guest_ids").isEmpty()) {
            List<Located> members = new ArrayList<>();
            for (JsonNode guest : payload.get("guest_ids")) {
                boolean first = members.isEmpty();
                members.add(new Located(pk[1], event, new KpiFact(first ? pk[3] : memberId(pk[3], guest.asText()), kind.get(), ts,
                        first ? session : Optional.empty(), Optional.of(guest.asText()), doorToSeat)));
            }
            return members;
        }
        Optional<String> guest = payload.hasNonNull("guest_id") ? Optional.of(payload.get("guest_id").asText()) : Optional.empty();
        return List.of(new Located(pk[1], event, new KpiFact(pk[3], kind.get(), ts, session, guest, doorToSeat)));
    }

    /**
     * Whether a fact is a scan of its own rather than a household's further member (whose id is the scan's id,
     * {@code #}, the guest): the scanner's success rate counts scans, so a household of five is one success.
     */
    public static boolean isScan(KpiFact fact) {
        return fact.eventId().indexOf('#') < 0;
    }

    private static String memberId(String scanId, String guestId) {
        return scanId + "#" + guestId;
    }
}
