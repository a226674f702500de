package io.seatpilot.core.safety;

import java.util.Map;
import java.util.Optional;

/**
 * The exits' reported status, overriding the status the event's set-up gave. The newest report wins by its time,
 * and a report that changes nothing writes nothing, so a late or redelivered report is a no-op.
 */
public interface ExitBoard {

    Write set(String tenant, String event, String exitId, ExitStatus status, long at, String actor);

    /** Stored statuses by exit id (exits never reported keep their set-up status). */
    Map<String, ExitStatus> statuses(String tenant, String event);

    /** What a report did: applied over the stored status (none before the first report), or ignored. */
    sealed interface Write {
        record Applied(Optional<ExitStatus> stored) implements Write {
        }

        /** Older than the stored report, or the same status: nothing changed. */
        record Ignored() implements Write {
        }
    }
}
