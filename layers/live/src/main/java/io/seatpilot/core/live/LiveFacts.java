package io.seatpilot.core.live;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.store.StreamImages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a change of the single table means for Ops Live (SPEC §11): a guest's check-in state appearing is a
 * {@code checkin}, disappearing is {@code checkin_undone}, a conflict item is a {@code conflict}, an arrival
 * item an {@code arrival} and a re-seat item a {@code reseat}; every other change is none of Ops Live's business. Only ids, times and modes are
 * sent: the stored items carry no guest names, and none are looked up here. The snapshot builds its feed with
 * the same mappings, so a resynchronised page shows what the messages showed.
 */
public final class LiveFacts {

    /**
     * The type an undo is sent as. Not {@code checkin} with a flag: a page that does not know undos would count
     * it as one more guest in; an unknown type only advances its seq, and its next snapshot is right again.
     */
    public static final String CHECKIN_UNDONE = "checkin_undone";

    /**
     * The type of an event's RSVP counts per stop (SPEC §16), sent whole when answers change: the dashboard's tile
     * replaces its figures rather than adding to them, so a missed message is healed by the next one.
     */
    public static final String RSVP = "rsvp";

    private LiveFacts() {
    }

    /** One message to publish: for the tenant's event, of a SPEC §11 type, with its data. */
    public record Fact(String tenant, String event, String type, Map<String, Object> data) {
    }

    public static Optional<Fact> of(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getDynamodb().getKeys() == null || ttlRemoval(record)) {
            return Optional.empty();
        }
        var pk = record.getDynamodb().getKeys().get("pk");
        return StreamPartition.parse(pk == null ? null : pk.getS()).flatMap(partition -> {
            Map<String, AttributeValue> image = StreamImages.item(record.getDynamodb().getNewImage());
            String change = record.getEventName();
            return switch (partition.kind()) {
                case EventKeys.CHECKIN -> switch (change) {
                    case "INSERT" -> Optional.of(fact(partition, "checkin", checkin(image)));
                    case "REMOVE" -> Optional.of(fact(partition, CHECKIN_UNDONE, undo(StreamImages.item(record.getDynamodb().getOldImage()))));
                    // a supersede swaps which scan holds the guest: the count stays, the conflict item tells Ops Live
                    default -> Optional.<Fact>empty();
                };
                case EventKeys.CONFLICT -> "INSERT".equals(change)
                        ? Optional.of(fact(partition, "conflict", conflict(image))) : Optional.<Fact>empty();
                case EventKeys.ARRIVAL -> "INSERT".equals(change)
                        ? Optional.of(fact(partition, "arrival", arrival(image))) : Optional.<Fact>empty();
                case EventKeys.RESEAT -> "INSERT".equals(change)
                        ? Optional.of(fact(partition, "reseat", reseat(image))) : Optional.<Fact>empty();
                default -> Optional.<Fact>empty();
            };
        });
    }

    /**
     * A fact of the partition's event; a later stop's carries {@code stop} (its id) so a page can tell the reception's
     * check-ins from the ceremony's. The first stop's carry none, as before events had stops.
     */
    private static Fact fact(StreamPartition partition, String type, Map<String, Object> data) {
        if (partition.stop() != null) {
            data.put("stop", partition.stop());
        }
        return new Fact(partition.tenant(), partition.event(), type, data);
    }

    /** A guest's check-in state item as a {@code checkin} message's data: one guest in. */
    public static Map<String, Object> checkin(Map<String, AttributeValue> item) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("guest_id", string(item, "sk"));
        data.put("checkin_id", string(item, "checkin_id"));
        data.put("checked_in_at", number(item, "checked_in_at"));
        data.put("zone", string(item, "zone_id"));
        data.put("device", string(item, "device_id"));
        data.put("mode", string(item, "mode"));
        data.put("guests", 1);
        return present(data);
    }

    private static Map<String, Object> undo(Map<String, AttributeValue> old) {
        Map<String, Object> data = checkin(old);
        data.put("guests", -1);
        data.put("undo", true);
        return data;
    }

    /** A conflict item (a duplicate or superseded scan) as a {@code conflict} message's data. */
    public static Map<String, Object> conflict(Map<String, AttributeValue> item) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("guest_id", string(item, "guest_id"));
        // not "kind": the page files feed items under {kind: 'conflict', ...data}, which a data kind would overwrite
        data.put("reason", string(item, "kind"));
        data.put("checkin_id", string(item, "sk"));
        data.put("checked_in_at", number(item, "checked_in_at"));
        data.put("device", string(item, "device_id"));
        data.put("mode", string(item, "mode"));
        data.put("first_checked_in_at", number(item, "winner_checked_in_at"));
        data.put("first_device", string(item, "winner_device_id"));
        return present(data);
    }

    private static Map<String, Object> arrival(Map<String, AttributeValue> item) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("guest_id", string(item, "sk"));
        data.put("table", string(item, "table_id"));
        data.put("arrived_at", number(item, "arrived_at"));
        data.put("confirm_mode", string(item, "confirm_mode"));
        data.put("door_to_seat_ms", number(item, "door_to_seat_ms"));
        return present(data);
    }

    /** A re-seat (SPEC §17): who moved, from which table to which, why and by whom (an actor id, never a name). */
    private static Map<String, Object> reseat(Map<String, AttributeValue> item) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("guest_id", string(item, "guest_id"));
        data.put("from_table_id", string(item, "from_table_id"));
        data.put("to_table_id", string(item, "to_table_id"));
        data.put("reason_code", string(item, "reason_code"));
        data.put("by", string(item, "actor"));
        data.put("reseated_at", number(item, "reseated_at"));
        return present(data);
    }

    /** Absent attributes are left out rather than sent as nulls (a check-in without a zone has no zone). */
    private static Map<String, Object> present(Map<String, Object> data) {
        data.values().removeIf(Objects::isNull);
        return data;
    }

    /** DynamoDB's TTL deletes are the service's own: nothing an operator did, so nothing to show. */
    private static boolean ttlRemoval(DynamodbStreamRecord record) {
        return record.getUserIdentity() != null && "dynamodb.amazonaws.com".equals(record.getUserIdentity().getPrincipalId());
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        return Items.string(item, name).orElse(null);
    }

    private static Long number(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Items.number(item, name, 0) : null;
    }
}
