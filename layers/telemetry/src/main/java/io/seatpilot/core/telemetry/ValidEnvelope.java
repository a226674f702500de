package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An envelope that passed every check, with its event name already canonical. */
public record ValidEnvelope(String eventId, String eventName, String sessionId, long tsMs, String contentHash,
                            ObjectNode envelope) {

    public boolean isSafetyEvent() {
        return eventName.startsWith("safety.");
    }
}
