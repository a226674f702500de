package io.seatpilot.core.safety;

import java.util.Optional;

/** SPEC §9: an exit's status; only OPEN counts towards egress readiness. */
public enum ExitStatus {
    OPEN, CLOSED, BLOCKED;

    public static Optional<ExitStatus> parse(String value) {
        for (ExitStatus status : values()) {
            if (status.name().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
