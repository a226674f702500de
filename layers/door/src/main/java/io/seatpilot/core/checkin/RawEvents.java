package io.seatpilot.core.checkin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Raw events written by online door actions, in the envelope form ingest stores (schema 1.1.0), so KPIs and Ops
 * Live read one kind of record whether a fact came online or was uploaded. Pass tokens never go in: guests are
 * named by id only.
 */
final class RawEvents {

    private RawEvents() {
    }

    /*
     * Ids of the raw events the server writes itself, derived from what they record so a retried online action
     * finds its own earlier event. They are "<kind>:<id>", outside the UUIDs an envelope's event_id may be (the
     * envelope schema), so no kiosk upload can be stored where one of them goes and pre-empt it (SPEC §14).
     */

    /** An online check-in's event: its client's {@code checkin_id}, in the server's namespace. */
    static String checkinEventId(String checkinId) {
        return "checkin:" + checkinId;
    }

    static String undoEventId(String checkinId) {
        return "undo:" + checkinId;
    }

    /** A guest's first arrival (one per guest and event: later ones keep the first). */
    static String arrivalEventId(String tenant, String event, String guestId) {
        return "arrival:" + UUID.nameUUIDFromBytes(String.join("|", tenant, event, guestId).getBytes(StandardCharsets.UTF_8));
    }

    static OnlineFact item(Actor actor, String eventId, String eventName, String sessionId, long tsMs,
                           ObjectNode payload, long receivedAt) {
        ObjectNode envelope = Json.MAPPER.createObjectNode()
                .put("schema_version", "1.1.0")
                .put("event_id", eventId)
                .put("tenant_id", actor.tenantId())
                .put("event_name", eventName)
                .put("session_id", sessionId == null ? eventId : sessionId)
                .put("ts_ms", tsMs);
        ObjectNode meta = envelope.putObject("event_meta")
                .put("app_channel", actor.channel())
                .put("platform", "kiosk".equals(actor.channel()) ? "kiosk" : "web")
                .put("app_version", "online")
                .put("sdk_version", "1.1.0")
                .put("source", "net");
        meta.put("device_id", actor.deviceId());
        envelope.set("payload", payload);
        return new OnlineFact(actor.tenantId(), eventId, envelope, receivedAt, actor.keyId(), actor.deviceId());
    }
}
