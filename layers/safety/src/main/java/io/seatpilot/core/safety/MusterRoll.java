package io.seatpilot.core.safety;

import java.util.Map;

/** Who was seen safe at a muster point, per evacuation; the first report of a guest counts. */
public interface MusterRoll {

    /** @return true when this report made the guest safe, false when an earlier one already had */
    boolean record(String tenant, String event, String evacuationId, Mustered mustered);

    /** The guests safe in this evacuation, by guest id. */
    Map<String, Mustered> mustered(String tenant, String event, String evacuationId);

    record Mustered(String guestId, String pointId, long at, String actor) {
    }
}
