package io.seatpilot.local;

/** The device key the stack issues for itself at start-up through its own admin API, ready to sign with. */
public record DemoDeviceKey(String tenantId, String deviceId, String keyId, String secret) {
}
