package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.devices.DeviceKey;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * SPEC §4 check 7 for telemetry: only kiosk keys send it, and a key limited to some events may only send facts
 * of those events. Ingest applies it to the verified caller; the worker applies it again to the key named in a
 * queued message, read from the key's own record, because a message can reach the queue without passing the
 * front door's check with that key's scope (a quarantined item replayed by an admin, a message redriven from the
 * dead-letter queue) and door facts change check-in state.
 */
public final class SenderScope implements IngestMessageProcessor.Admission {

    private final BiFunction<String, String, Optional<DeviceKey>> keys;

    /** {@code keys}: the key record by tenant and key id (a key's role and events never change once issued). */
    public SenderScope(BiFunction<String, String, Optional<DeviceKey>> keys) {
        this.keys = keys;
    }

    /** The refusal of one envelope sent by {@code device}, if any. */
    public static Optional<Problem> refusal(Principal.Device device, JsonNode envelope) {
        if (device.role() != Role.KIOSK) {
            return Optional.of(Problem.of(Reason.FORBIDDEN, "Only kiosk keys may send telemetry"));
        }
        String event = partyEvent(envelope);
        if (event != null && !device.mayTouchEvent(event)) {
            return Optional.of(Problem.of(Reason.FORBIDDEN, "Key not allowed on event " + event).withField("payload.event"));
        }
        return Optional.empty();
    }

    /** The party an envelope is about ({@code payload.event}); null when it names none. */
    public static String partyEvent(JsonNode envelope) {
        return envelope.path("payload").path("event").asText(null);
    }

    @Override
    public Optional<Problem> check(IngestMessage message, IngestMessage.Entry entry) {
        Optional<DeviceKey> key = message.keyId() == null ? Optional.empty()
                : keys.apply(message.tenantId(), message.keyId()).filter(k -> k.tenantId().equals(message.tenantId()));
        if (key.isEmpty()) {
            return Optional.of(Problem.of(Reason.KEY_INVALID, "The key that sent this envelope is unknown"));
        }
        // Revocation after the upload does not undo it: the facts were accepted while the key was valid.
        return refusal(key.get().principal(), entry.envelope());
    }
}
