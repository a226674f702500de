package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.devices.DeviceKey;
import io.seatpilot.core.signing.SignedRequestVerifier;
import java.util.Optional;

/**
 * The stop an uploaded fact applies at (SPEC §16): the one its kiosk was set to when the fact was scanned — the
 * payload's {@code scanned_at}, else the envelope's {@code ts_ms} — read from the key's stop history. A kiosk that
 * scanned offline at the ceremony and was moved to the reception before it reconnected still files those scans
 * under the ceremony. The envelope names no stop: where a kiosk stands is the server's to say.
 *
 * <p>Resolved here, at ingest, once per fact, rather than by the worker: the message and the quarantine then carry
 * a plain stop per fact (no history of twenty changes on every message), and a fact quarantined today is replayed
 * where it was scanned even once the bounded history has moved past it. The key's record is read once per request,
 * and only for one that carries a fact naming a party (the verifier's read of it is not at hand here).
 */
final class StopOfFact {

    private final SignedRequestVerifier.KeyLookup keys;
    private final Principal.Device device;
    private final long receivedAt;
    private Optional<DeviceKey> key;

    StopOfFact(SignedRequestVerifier.KeyLookup keys, Principal.Device device, long receivedAt) {
        this.keys = keys;
        this.device = device;
        this.receivedAt = receivedAt;
    }

    /** The fact's stop; null for an envelope that names no party, or a kiosk set to no stop when it scanned. */
    String of(JsonNode envelope) {
        if (envelope == null || SenderScope.partyEvent(envelope) == null) {
            return null;
        }
        if (key == null) {
            key = keys.find(device.tenantId(), device.keyId());
        }
        // a key gone since the signature verified: where it stood at upload is all that is known
        return key.map(k -> k.stopAt(scannedAt(envelope, receivedAt))).orElse(device.stopId());
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
