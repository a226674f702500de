package io.seatpilot.core.devices;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.seatpilot.core.snapstart.EmptiedAroundSnapshot;
import java.time.Duration;
import java.util.Optional;

/**
 * Device key records kept per function instance for a short, fixed time, so a busy door does not read the same
 * key on every scan (the secret is cached by {@link DeviceSecrets} already). The bound is the price: a key revoked
 * while an instance holds its record is still accepted by that instance for at most {@code lifetime} after it was
 * read. Expiry is still checked against the clock on every use (the record carries it), and a key that is not
 * found is never cached, so a key issued a moment ago works at once.
 */
public final class CachedDeviceKeys implements EmptiedAroundSnapshot {

    /** How long a door function may go on trusting a key record it read (SPEC §4 asks for a bounded time). */
    public static final Duration DOOR_LIFETIME = Duration.ofSeconds(5);

    private final DeviceKeyStore store;
    private final Cache<String, DeviceKey> cache;

    public CachedDeviceKeys(DeviceKeyStore store, Duration lifetime, long maximumSize) {
        this.store = store;
        this.cache = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(maximumSize).build();
    }

    public Optional<DeviceKey> find(String tenantId, String keyId) {
        String cacheKey = tenantId + "|" + keyId;
        DeviceKey cached = cache.getIfPresent(cacheKey);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<DeviceKey> found = store.find(tenantId, keyId);
        found.ifPresent(key -> cache.put(cacheKey, key));
        return found;
    }

    /** The lifetime is counted on a clock a snapshot stops: a restored environment would trust records read at init long ago (a revoked key among them). */
    @Override
    public Cache<?, ?> snapshotCache() {
        return cache;
    }
}
