package io.seatpilot.local.it.robustness;

import java.util.Locale;

/** Who calls in the matrix: the five people's roles of SPEC §3 (JWT) and the two device roles (signed key). */
enum Caller {
    ADMIN, PLANNER, OPS, STAFF, VIEWER, KIOSK, SCREEN;

    boolean isDevice() {
        return this == KIOSK || this == SCREEN;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
