package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.auth.Principal;

/**
 * The stop an uploaded fact applies at (SPEC §16): the one its kiosk was set to when the fact was scanned — the
 * payload's {@code scanned_at}, else the envelope's {@code ts_ms} — from the stop history the device's key record
 * holds. A kiosk that scanned offline at the ceremony and was moved to the reception before it reconnected still
 * files those scans under the ceremony. The envelope names no stop: where a kiosk stands is the server's to say.
 *
 * <p>Resolved here, at ingest, once per fact, rather than by the worker: the message and the quarantine then carry
 * a plain stop per fact (no history of twenty changes on every message), and a fact quarantined today is replayed
 * where it was scanned even once the bounded history has moved past it. The history is the one the signature's
 * verification read with the key ({@link Principal.Device#stops()}): an upload reads its key record once.
 */
final class StopOfFact {

    private final Principal.Device device;
    private final long receivedAt;

    StopOfFact(Principal.Device device, long receivedAt) {
        this.device = device;
        this.receivedAt = receivedAt;
    }

    /** The fact's stop; null for an envelope that names no party, or a kiosk set to no stop when it scanned. */
    String of(JsonNode envelope) {
        if (envelope == null || SenderScope.partyEvent(envelope) == null) {
            return null;
        }
        return device.stopAt(scannedAt(envelope, receivedAt));
    }

    /** When the fact was scanned: the payload's {@code scanned_at}, else the envelope's {@code ts_ms}, else {@code fallback}. */
    static long scannedAt(JsonNode envelope, long fallback) {
        JsonNode scanned = envelope.path("payload").path("scanned_at");
        if (scanned.canConvertToLong()) {
            return scanned.asLong();
        }
        JsonNode ts = envelope.path("ts_ms");
        return ts.canConvertToLong() ? ts.asLong() : fallback;
    }
}
