package io.seatpilot.core.kpi;

import java.util.Optional;

/**
 * One stored telemetry event as the KPI rollup needs it: what happened, when (the device's clock, {@code ts_ms}),
 * and what ties it to other facts (the kiosk session, the guest, and the envelope's
 * {@code correlation.door_to_seat_id}, which pairs a check-in with its arrival at the table). No names: KPIs
 * never need them.
 */
public record KpiFact(String eventId, Kind kind, long tsMs, Optional<String> sessionId, Optional<String> guestId,
                      Optional<String> doorToSeatId) {

    /** A fact without a correlation id: pairs by guest or session only. */
    public KpiFact(String eventId, Kind kind, long tsMs, Optional<String> sessionId, Optional<String> guestId) {
        this(eventId, kind, tsMs, sessionId, guestId, Optional.empty());
    }

    /** The event names SPEC §10 measures; every other event name is not a KPI fact. */
    public enum Kind {
        QR_SCAN_START("checkin.qr_scan_start"),
        UI_RENDER_DONE("checkin.ui_render_done"),
        CHECKIN_SUCCESS("checkin.success"),
        /** Any of the scanner's {@code checkin.error_*} events (invalid QR, guest not found, rate limited, network). */
        CHECKIN_ERROR("checkin.error_"),
        ARRIVE_TABLE("wayfinding.arrive_table"),
        /** A search that found someone; the same event name with {@code results_count: 0} is {@link #SEARCH_NOT_FOUND}. */
        SEARCH_FOUND("wayfinding.search_made"),
        SEARCH_NOT_FOUND("wayfinding.search_not_found"),
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

        /** {@link #CHECKIN_ERROR} names a family, matched by its prefix; the others match their name exactly. */
        public static Optional<Kind> of(String eventName) {
            for (Kind kind : values()) {
                if (kind == CHECKIN_ERROR ? eventName.startsWith(kind.eventName) : kind.eventName.equals(eventName)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }
}
