package io.seatpilot.core.safety;

import java.util.HashMap;
import java.util.Map;

/** Put-if-absent per evacuation and guest, as {@link MusterStore}. */
public final class InMemoryMusterRoll implements MusterRoll {

    private final Map<String, Map<String, Mustered>> rolls = new HashMap<>();

    @Override
    public boolean record(String tenant, String event, String evacuationId, Mustered mustered) {
        return rolls.computeIfAbsent(tenant + "|" + event + "|" + evacuationId, k -> new HashMap<>())
                .putIfAbsent(mustered.guestId(), mustered) == null;
    }

    @Override
    public Map<String, Mustered> mustered(String tenant, String event, String evacuationId) {
        return Map.copyOf(rolls.getOrDefault(tenant + "|" + event + "|" + evacuationId, Map.of()));
    }
}
