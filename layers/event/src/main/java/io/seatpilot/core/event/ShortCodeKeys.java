package io.seatpilot.core.event;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.seatpilot.core.snapstart.EmptiedAroundSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

/**
 * How the server finds a pass by its short code without keeping the code: the lookup item is keyed by
 * HMAC-SHA256 of the canonical code under a per-event key, and that key is itself derived in KMS (GenerateMac
 * under the device key root, with its own context string), so it is never stored anywhere. A copy of the table
 * alone gives nothing to brute-force the 40-bit code space against: every guess needs the KMS key. A salted slow
 * hash (PBKDF2) would be the alternative; it protects less (a dump plus the public salt can still be searched
 * offline, 2^40 guesses) and costs tens of milliseconds of CPU per check-in, where this costs a microsecond plus
 * one KMS call per event per function instance (cached, kept out of SnapStart snapshots).
 */
public final class ShortCodeKeys implements EmptiedAroundSnapshot {

    private static final String CONTEXT = "seatpilot/short-code/v1|";

    private final KmsClient kms;
    private final String rootKeyId;
    private final Cache<String, byte[]> keys;

    public ShortCodeKeys(KmsClient kms, String rootKeyId) {
        this.kms = kms;
        this.rootKeyId = rootKeyId;
        this.keys = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(15)).maximumSize(1_000).build();
    }

    /** The lookup hash of a code in canonical form ({@link ShortCodes#canonical}), hex. */
    public String hash(String tenant, String event, String canonicalCode) {
        byte[] key = keys.get(tenant + "|" + event, ignored -> derive(tenant, event));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonicalCode.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] derive(String tenant, String event) {
        return kms.generateMac(b -> b.keyId(rootKeyId).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                        .message(SdkBytes.fromString(CONTEXT + tenant + "|" + event, StandardCharsets.UTF_8)))
                .mac().asByteArray();
    }

    @Override
    public Cache<?, ?> snapshotCache() {
        return keys;
    }
}
