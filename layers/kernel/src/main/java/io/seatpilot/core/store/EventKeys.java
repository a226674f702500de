package io.seatpilot.core.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where an event's data lives in the single table. Each kind of item has its own partition under
 * {@code T#<tenant>#EVENT#<event>#<KIND>} (the layout the seating store reads guests and tables from), so one query
 * lists a kind without filtering, and the hot check-in items (states, counters) never share a partition with
 * the bulk data. The ids in these keys follow {@link Ids}.
 */
public final class EventKeys {

    private EventKeys() {
    }

    public static Map<String, AttributeValue> event(String tenant, String event) {
        return Items.key(Keys.tenant(tenant, "EVENT", event), "META");
    }

    public static String partition(String tenant, String event, String kind) {
        return Keys.tenant(tenant, "EVENT", event, kind);
    }

    public static Map<String, AttributeValue> item(String tenant, String event, String kind, String id) {
        return Items.key(partition(tenant, event, kind), id);
    }

    public static final String GUEST = "GUEST";
    public static final String HOUSEHOLD = "HOUSEHOLD";
    public static final String TABLE = "TABLE";
    public static final String NAME = "NAME";
    public static final String CHECKIN = "CHECKIN";
    public static final String CONFLICT = "CONFLICT";
    public static final String ARRIVAL = "ARRIVAL";
    public static final String COUNTERS = "COUNTERS";
    public static final String SEATING = "SEATING";
    /** A day-of re-seat, kept a week for Ops Live's feed. */
    public static final String RESEAT = "RESEAT";
    /** Per guest ({@code G#id}) and household ({@code H#id}): the hash of the pass that is valid now. */
    public static final String PASS_OF = "PASSOF";
    /** The event's salt and cost for the door list's short-code hashes (one item). */
    public static final String CODE_HASHING = "CODEHASH";
}
