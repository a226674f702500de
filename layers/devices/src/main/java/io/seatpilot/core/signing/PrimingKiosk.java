package io.seatpilot.core.signing;

import io.seatpilot.core.auth.Role;
import io.seatpilot.core.devices.DeviceKey;
import io.seatpilot.core.devices.DeviceKeyStore;
import io.seatpilot.core.devices.DeviceSecrets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A made-up kiosk for a function's SnapStart primer: the real verifier parts (its key record's read, the secret's
 * derivation through KMS, the nonce write) on the clients the primer gives — offline ones, so nothing is sent — and
 * the requests it signs. Its key exists nowhere but in the primer.
 */
public record PrimingKiosk(DeviceKey key, DeviceSecrets secrets, SignedRequestVerifier verifier, Clock clock) {

    /**
     * The canned answer of a primer's offline clients: KMS's answer to a secret's derivation; DynamoDB and SQS
     * ignore its fields and read an empty answer.
     */
    public static final String OFFLINE_ANSWER = "{\"Mac\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"KeyId\":\"priming\","
            + "\"MacAlgorithm\":\"HMAC_SHA_256\"}";

    public static PrimingKiosk on(DynamoDbClient dynamo, KmsClient kms, String table, String tenant, Set<String> events,
                                  Clock clock) {
        DeviceKey kiosk = key(tenant, events, clock);
        new DeviceKeyStore(dynamo, table).find(kiosk.tenantId(), kiosk.keyId());
        return of(kiosk, (t, keyId) -> Optional.of(kiosk), dynamo, kms, table, clock);
    }

    /**
     * A kiosk whose key record the verifier reads through {@code keys} — the function's key store, on a client
     * that answers a read of the record with {@link #keyRecord()} — as a restored instance's first scan reads it.
     */
    public static PrimingKiosk reading(SignedRequestVerifier.KeyLookup keys, DynamoDbClient dynamo, KmsClient kms,
                                       String table, String tenant, Set<String> events, Clock clock) {
        return of(key(tenant, events, clock), keys, dynamo, kms, table, clock);
    }

    private static DeviceKey key(String tenant, Set<String> events, Clock clock) {
        return new DeviceKey(tenant, tenant + ".priming-only-key-0001", "kiosk-1", Role.KIOSK, events, clock.millis(), null,
                null);
    }

    private static PrimingKiosk of(DeviceKey kiosk, SignedRequestVerifier.KeyLookup keys, DynamoDbClient dynamo,
                                   KmsClient kms, String table, Clock clock) {
        DeviceSecrets secrets = new DeviceSecrets(kms, "priming");
        var verifier = new SignedRequestVerifier(keys, secrets::secretFor, new NonceStore(dynamo, table)::recordOnce, clock);
        return new PrimingKiosk(kiosk, secrets, verifier, clock);
    }

    /**
     * This kiosk's key record as DynamoDB answers a {@code GetItem} of it: every attribute {@link DeviceKeyStore}
     * writes for a kiosk at a stop, so its reader decodes each of them.
     */
    public String keyRecord() {
        return """
                {"Item":{"pk":{"S":"T#%1$s#KEY#%2$s"},"sk":{"S":"KEY"},"tenant_id":{"S":"%1$s"},"key_id":{"S":"%2$s"},
                 "device_id":{"S":"%3$s"},"role":{"S":"kiosk"},"events":{"SS":[%4$s]},"stop_id":{"S":"main"},
                 "stop_history":{"L":[{"M":{"stop_id":{"S":"main"},"since":{"N":"%5$d"}}}]},"created_at":{"N":"%5$d"},
                 "key_expires_at":{"N":"%6$d"}}}""".formatted(key.tenantId(), key.keyId(), key.deviceId(),
                key.events().stream().map(event -> '"' + event + '"').collect(java.util.stream.Collectors.joining(",")),
                key.createdAt(), key.createdAt() + 86_400_000L);
    }

    /** The headers of a JSON request this kiosk signs. */
    public Map<String, String> sign(String method, String path, String body) {
        var headers = new HashMap<>(new RequestSigner(key.keyId(), secrets.secretFor(key.tenantId(), key.keyId()), clock)
                .sign(method, path, body));
        headers.put("content-type", "application/json");
        return headers;
    }
}
