package io.seatpilot.core.checkin;

import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;

/**
 * Who performed a door action, as check-ins record it: a device id (people are recorded as {@code user:<sub>}),
 * the key that signed it if any, and whether the actor may undo others' check-ins (ops and admins).
 */
public record Actor(String tenantId, String deviceId, String keyId, String channel, boolean mayUndoAny) {

    public static Actor of(Principal principal) {
        return switch (principal) {
            case Principal.Device device -> new Actor(device.tenantId(), device.deviceId(), device.keyId(), "kiosk", false);
            case Principal.User user -> new Actor(user.tenantId(), user.actorId(), null, "ops",
                    user.hasAnyRole(Role.OPS, Role.ADMIN));
        };
    }

    /** The actor as the audit trail names it ({@code device:<id>} or {@code user:<sub>}). */
    public String auditId() {
        return deviceId.startsWith("user:") ? deviceId : "device:" + deviceId;
    }

    /** A device that uploaded facts through ingest (the offline path). */
    public static Actor uploader(String tenantId, String deviceId, String keyId) {
        return new Actor(tenantId, deviceId, keyId, "kiosk", false);
    }
}
