package io.seatpilot.core.checkin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The raw event an online door action records with its change, in the envelope form ingest stores, so KPIs and
 * Ops Live read one kind of record whether a fact came online or was uploaded. {@code eventId} is the server's
 * own id for it (see {@link RawEvents}); the key and device are the actor's.
 */
public record OnlineFact(String tenantId, String eventId, ObjectNode envelope, long receivedAt, String keyId,
                         String deviceId) {

    /** Where the fact came from, as a raw event records its receipt: online, under its own id. */
    public String receiptId() {
        return "online:" + eventId;
    }
}
