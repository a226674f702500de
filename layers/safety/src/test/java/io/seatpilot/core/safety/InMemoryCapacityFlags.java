package io.seatpilot.core.safety;

import java.util.HashMap;
import java.util.Map;

/** The fired flags per zone and level; a flip succeeds only from the other state, as {@link CapacityStore}'s. */
public final class InMemoryCapacityFlags implements CapacityFlags {

    private final Map<String, Boolean> flags = new HashMap<>();

    private static String key(String tenant, String event, String zone, CapacityThresholds.Level level) {
        return tenant + "|" + event + "|" + zone + "|" + level;
    }

    @Override
    public CapacityThresholds.State state(String tenant, String event, String zone) {
        return new CapacityThresholds.State(flags.getOrDefault(key(tenant, event, zone, CapacityThresholds.Level.NINETY), false),
                flags.getOrDefault(key(tenant, event, zone, CapacityThresholds.Level.FULL), false));
    }

    @Override
    public boolean flip(String tenant, String event, String zone, CapacityThresholds.Level level, boolean fired) {
        String key = key(tenant, event, zone, level);
        if (flags.getOrDefault(key, false) == fired) {
            return false;
        }
        flags.put(key, fired);
        return true;
    }
}
