package io.seatpilot.core.devices;

import io.seatpilot.core.auth.Role;
import io.seatpilot.core.auth.StopHistory;
import io.seatpilot.core.snapstart.FreshRandom;
import io.seatpilot.core.text.CharRunPattern;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issues and revokes device keys. A device may hold two valid keys so it can rotate without downtime; issuing
 * a third revokes the oldest, so a forgotten rotation never leaves old keys valid.
 */
public final class DeviceKeyIssuer {

    static final int MAX_VALID_KEYS_PER_DEVICE = 2;
    /** The shape of the ids {@link #issue} mints, {@code <tenant>.<random>}: any other value names no key. */
    private static final CharRunPattern KEY_ID = CharRunPattern.whole("[A-Za-z0-9_-]{1,64}\\.[A-Za-z0-9_-]{16,64}");

    private final DeviceKeyStore store;
    private final DeviceSecrets secrets;
    private final Clock clock;
    private final FreshRandom random;

    public DeviceKeyIssuer(DeviceKeyStore store, DeviceSecrets secrets, FreshRandom random, Clock clock) {
        this.store = store;
        this.random = random;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Whether {@code keyId} has the shape of the ids this issues; checked on every signed request. */
    public static boolean isKeyId(String keyId) {
        return KEY_ID.test(keyId);
    }

    public IssuedKey issue(String tenantId, String deviceId, Role role, Set<String> events, Long expiresAt) {
        return issue(tenantId, deviceId, role, events, expiresAt, null);
    }

    /**
     * {@code stopId}: the stop the kiosk is set to (checked against {@code events} by the caller), or null. The new
     * key carries on the device's stop history (its newest key's) from there, so scans a kiosk queued before a new
     * pairing still apply where it stood; a new device's history starts here.
     */
    public IssuedKey issue(String tenantId, String deviceId, Role role, Set<String> events, Long expiresAt, String stopId) {
        long now = clock.millis();
        List<DeviceKey> ofDevice = store.keysOfDevice(tenantId, deviceId);
        StopHistory history = ofDevice.stream().max(Comparator.comparingLong(DeviceKey::createdAt))
                .map(newest -> newest.history().then(stopId, now)).orElseGet(() -> StopHistory.startingAt(stopId, now));
        List<DeviceKey> valid = new ArrayList<>(ofDevice.stream()
                .filter(k -> k.usableAt(now))
                .sorted(Comparator.comparingLong(DeviceKey::createdAt))
                .toList());
        List<String> revoked = new ArrayList<>();
        while (valid.size() >= MAX_VALID_KEYS_PER_DEVICE) {
            DeviceKey oldest = valid.removeFirst();
            store.revoke(tenantId, deviceId, oldest.keyId(), now);
            revoked.add(oldest.keyId());
        }
        String keyId = tenantId + "." + randomId();
        store.create(new DeviceKey(tenantId, keyId, deviceId, role, events, now, expiresAt, null, stopId, history));
        return new IssuedKey(keyId, secrets.secretFor(tenantId, keyId), deviceId, role.wire(),
                events.stream().sorted().toList(), expiresAt, revoked, stopId);
    }

    /** The key {@code keyId} of {@code deviceId}; empty when the tenant has no such key for that device. */
    public Optional<DeviceKey> find(String tenantId, String deviceId, String keyId) {
        return store.find(tenantId, keyId).filter(k -> k.deviceId().equals(deviceId));
    }

    /** The device's keys usable now: the ones a move to another stop must change. */
    public List<DeviceKey> usableKeys(String tenantId, String deviceId) {
        long now = clock.millis();
        return store.keysOfDevice(tenantId, deviceId).stream().filter(k -> k.usableAt(now)).toList();
    }

    /** Sets the stop of the device's usable {@code keys} from now, in their history; false when one is gone meanwhile. */
    public boolean moveTo(String tenantId, String deviceId, List<DeviceKey> keys, String stopId) {
        return store.setStop(tenantId, deviceId, keys, stopId, clock.millis());
    }

    public boolean revoke(String tenantId, String deviceId, String keyId) {
        return store.revoke(tenantId, deviceId, keyId, clock.millis());
    }

    private String randomId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
