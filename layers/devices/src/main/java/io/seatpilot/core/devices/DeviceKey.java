package io.seatpilot.core.devices;

import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import java.util.Set;

/** A device key's record: never the secret, which is derived on demand (SPEC §4). */
public record DeviceKey(String tenantId, String keyId, String deviceId, Role role, Set<String> events,
                        long createdAt, Long expiresAt, Long revokedAt) {

    public DeviceKey {
        events = Set.copyOf(events);
    }

    public boolean usableAt(long nowMillis) {
        return revokedAt == null && (expiresAt == null || nowMillis < expiresAt);
    }

    public Principal.Device principal() {
        return new Principal.Device(keyId, deviceId, tenantId, role, events);
    }
}
