package io.seatpilot.core.devices;

import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import java.util.Set;

/**
 * A device key's record: never the secret, which is derived on demand (SPEC §4). {@code stopId} is the stop a
 * kiosk is set to (null: none, the event's first stop); every key of a device carries it, so the device's
 * signature tells the door where it stands.
 */
public record DeviceKey(String tenantId, String keyId, String deviceId, Role role, Set<String> events,
                        long createdAt, Long expiresAt, Long revokedAt, String stopId) {

    public DeviceKey {
        events = Set.copyOf(events);
    }

    public DeviceKey(String tenantId, String keyId, String deviceId, Role role, Set<String> events,
                     long createdAt, Long expiresAt, Long revokedAt) {
        this(tenantId, keyId, deviceId, role, events, createdAt, expiresAt, revokedAt, null);
    }

    public boolean usableAt(long nowMillis) {
        return revokedAt == null && (expiresAt == null || nowMillis < expiresAt);
    }

    public Principal.Device principal() {
        return new Principal.Device(keyId, deviceId, tenantId, role, events, stopId);
    }
}
