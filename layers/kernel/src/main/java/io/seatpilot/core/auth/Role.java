package io.seatpilot.core.auth;

import java.util.Locale;
import java.util.Optional;

/** People's roles (JWT) and device roles (key), SPEC §3. */
public enum Role {
    ADMIN, PLANNER, OPS, STAFF, VIEWER, KIOSK, SCREEN;

    public static Optional<Role> parse(String value) {
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
