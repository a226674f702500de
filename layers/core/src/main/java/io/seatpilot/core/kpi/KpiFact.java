package io.seatpilot.core.kpi;

import java.util.Optional;

/**
 * One stored telemetry event as the KPI rollup needs it: what happened, when (the device's clock, {@code ts_ms}),
 * and what ties it to other facts (the kiosk session, the guest). No names: KPIs never need them.
 */
public record KpiFact(String eventId, Kind kind, long tsMs, Optional<String> sessionId, Optional<String> guestId) {

    /** The event names SPEC §10 measures; every other event name is not a KPI fact. */
    public enum Kind {
        QR_SCAN_START("checkin.qr_scan_start"),
        UI_RENDER_DONE("checkin.ui_render_done"),
        CHECKIN_SUCCESS("checkin.success"),
        ARRIVE_TABLE("wayfinding.arrive_table"),
        /** A seat assigned by the engine; the same event name with {@code mode: manual} is {@link #SEAT_ASSIGNED_MANUAL}. */
        SEAT_ASSIGNED_AUTO("seating.seat_assigned"),
        SEAT_ASSIGNED_MANUAL("seating.seat_assigned");

        private final String eventName;

        Kind(String eventName) {
            this.eventName = eventName;
        }

        public String eventName() {
            return eventName;
        }

        public static Optional<Kind> of(String eventName) {
            for (Kind kind : values()) {
                if (kind.eventName.equals(eventName)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }
}
