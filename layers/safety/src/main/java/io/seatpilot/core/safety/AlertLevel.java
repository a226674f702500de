package io.seatpilot.core.safety;

import java.util.Optional;

/** SPEC §9: an alert's level. ALERT and EVAC need an ops acknowledgement and escalate; CLEAR ends them. */
public enum AlertLevel {
    ALERT, EVAC, CLEAR;

    public boolean needsAcknowledgement() {
        return this != CLEAR;
    }

    public static Optional<AlertLevel> parse(String value) {
        for (AlertLevel level : values()) {
            if (level.name().equals(value)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
