package io.seatpilot.core.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The raw events the rules read back: an undo learns the guests of a check-in from its event (written online
 * with the check-in, or uploaded offline), and a repeated undo finds its own.
 */
public interface RawEventLog {

    /** The stored envelope of a raw event of the tenant (pass tokens redacted), if there is one under this id. */
    Optional<JsonNode> envelope(String tenant, String eventId);
}
