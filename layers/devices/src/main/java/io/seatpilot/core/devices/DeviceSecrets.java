package io.seatpilot.core.devices;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.seatpilot.core.snapstart.EmptiedAroundSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

/**
 * Derives a device key's secret with KMS GenerateMac under the root key (SPEC §4): the secret is never stored,
 * and the root never leaves KMS. Derived secrets are cached per function instance for a bounded time so KMS is
 * called on a cache miss, not per request. Caffeine is used for the bounded, expiring, concurrent cache.
 */
public final class DeviceSecrets implements EmptiedAroundSnapshot {

    private static final String CONTEXT = "seatpilot/device-key/v1|";

    private final KmsClient kms;
    private final String rootKeyId;
    private final Cache<String, String> cache;

    public DeviceSecrets(KmsClient kms, String rootKeyId, Duration lifetime, long maximumSize) {
        this.kms = kms;
        this.rootKeyId = rootKeyId;
        this.cache = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(maximumSize).build();
    }

    public DeviceSecrets(KmsClient kms, String rootKeyId) {
        this(kms, rootKeyId, Duration.ofMinutes(15), 10_000);
    }

    public String secretFor(String tenantId, String keyId) {
        return cache.get(tenantId + "|" + keyId, ignored -> derive(tenantId, keyId));
    }

    private String derive(String tenantId, String keyId) {
        byte[] mac = kms.generateMac(b -> b.keyId(rootKeyId)
                        .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                        .message(SdkBytes.fromString(CONTEXT + tenantId + "|" + keyId, StandardCharsets.UTF_8)))
                .mac().asByteArray();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** Secrets are kept out of the SnapStart snapshot; a restored environment derives the ones it needs. */
    @Override
    public Cache<?, ?> snapshotCache() {
        return cache;
    }
}
