package io.seatpilot.core.checkin;

import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;

/**
 * Who performed a door action, as check-ins record it: a device id (people are recorded as {@code user:<sub>}),
 * the key that signed it if any, whether the actor may undo others' check-ins (ops and admins), and the stop of
 * the event the actor checks guests in at ({@code stopId}: a kiosk's from its registration, staff's from their
 * request; null: the event's first stop).
 */
public record Actor(String tenantId, String deviceId, String keyId, String channel, boolean mayUndoAny, String stopId) {

    public Actor(String tenantId, String deviceId, String keyId, String channel, boolean mayUndoAny) {
        this(tenantId, deviceId, keyId, channel, mayUndoAny, null);
    }

    public static Actor of(Principal principal) {
        return switch (principal) {
            case Principal.Device device -> new Actor(device.tenantId(), device.deviceId(), device.keyId(), "kiosk", false,
                    device.stopId());
            case Principal.User user -> new Actor(user.tenantId(), user.actorId(), null, "ops",
                    user.hasAnyRole(Role.OPS, Role.ADMIN));
        };
    }

    /** The same actor at {@code stop} (null: unchanged). */
    public Actor atStop(String stop) {
        return stop == null ? this : new Actor(tenantId, deviceId, keyId, channel, mayUndoAny, stop);
    }

    /** The actor as the audit trail names it ({@code device:<id>} or {@code user:<sub>}). */
    public String auditId() {
        return deviceId.startsWith("user:") ? deviceId : "device:" + deviceId;
    }

    /** A device set to no stop that uploaded facts through ingest (the offline path). */
    public static Actor uploader(String tenantId, String deviceId, String keyId) {
        return uploader(tenantId, deviceId, keyId, null);
    }

    /** A device that uploaded facts through ingest (the offline path), at the stop it was set to when it scanned. */
    public static Actor uploader(String tenantId, String deviceId, String keyId, String stopId) {
        return new Actor(tenantId, deviceId, keyId, "kiosk", false, stopId);
    }
}
