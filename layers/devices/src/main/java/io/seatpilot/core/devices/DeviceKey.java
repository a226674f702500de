package io.seatpilot.core.devices;

import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.auth.StopHistory;
import java.util.Set;

/**
 * A device key's record: never the secret, which is derived on demand (SPEC §4). {@code stopId} is the stop a
 * kiosk is set to (null: none, the event's first stop); every key of a device carries it, so the device's
 * signature tells the door where it stands. {@code stopHistory} is where it was set before (see {@link #history()}).
 */
public record DeviceKey(String tenantId, String keyId, String deviceId, Role role, Set<String> events,
                        long createdAt, Long expiresAt, Long revokedAt, String stopId, StopHistory stopHistory) {

    public DeviceKey {
        events = Set.copyOf(events);
        stopHistory = stopHistory == null ? new StopHistory(java.util.List.of()) : stopHistory;
    }

    public DeviceKey(String tenantId, String keyId, String deviceId, Role role, Set<String> events,
                     long createdAt, Long expiresAt, Long revokedAt) {
        this(tenantId, keyId, deviceId, role, events, createdAt, expiresAt, revokedAt, null, null);
    }

    public boolean usableAt(long nowMillis) {
        return revokedAt == null && (expiresAt == null || nowMillis < expiresAt);
    }

    /**
     * The device's stop changes as this key knows them. A key stored before histories were kept has none: it has
     * stood at its stop since it was issued.
     */
    public StopHistory history() {
        return stopHistory.isEmpty() ? StopHistory.startingAt(stopId, createdAt) : stopHistory;
    }

    /** The stop the device was set to at {@code time} (server time; null: none, each event's first stop). */
    public String stopAt(long time) {
        return history().stopAt(time);
    }

    /** The device this key verifies as, carrying where it stood (ingest files uploaded scans by it). */
    public Principal.Device principal() {
        return new Principal.Device(keyId, deviceId, tenantId, role, events, stopId, history());
    }
}
