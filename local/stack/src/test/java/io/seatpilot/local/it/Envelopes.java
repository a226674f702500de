package io.seatpilot.local.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds telemetry envelopes for tests. */
public final class Envelopes {

    private Envelopes() {
    }

    public static ObjectNode scanStart(String tenant) {
        return envelope(tenant, "checkin.qr_scan_start", Map.of());
    }

    public static ObjectNode envelope(String tenant, String eventName, Map<String, Object> payload) {
        ObjectNode envelope = Json.MAPPER.createObjectNode()
                .put("schema_version", "1.1.0")
                .put("event_id", UUID.randomUUID().toString())
                .put("tenant_id", tenant)
                .put("event_name", eventName)
                .put("session_id", "s-" + UUID.randomUUID())
                .put("ts_ms", System.currentTimeMillis());
        envelope.set("event_meta", Json.tree(Map.of("app_channel", "kiosk", "platform", "kiosk", "app_version", "3.4.1", "sdk_version", "1.1.0")));
        envelope.set("payload", Json.tree(payload));
        return envelope;
    }

    /** An envelope about the party {@code event} that the schema refuses ({@code schema_mismatch}: ts_ms 0). */
    public static ObjectNode schemaMismatch(String tenant, String event) {
        ObjectNode envelope = envelope(tenant, "checkin.qr_scan_start", Map.of("event", event));
        envelope.put("ts_ms", 0);
        return envelope;
    }

    public static String batch(List<ObjectNode> envelopes) {
        var root = Json.MAPPER.createObjectNode();
        root.putArray("events").addAll(envelopes);
        return root.toString();
    }
}
