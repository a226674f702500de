package io.seatpilot.core.safety;

/** Which capacity thresholds of a zone have fired and not re-armed since. */
public interface CapacityFlags {

    CapacityThresholds.State state(String tenant, String event, String zone);

    /**
     * Sets a level fired (from not fired) or re-armed (from fired); two evaluations racing on the same counts see
     * one of them flip it. @return true when this call flipped it
     */
    boolean flip(String tenant, String event, String zone, CapacityThresholds.Level level, boolean fired);
}
