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
        DeviceKey kiosk = new DeviceKey(tenant, tenant + ".priming-only-key-0001", "kiosk-1", Role.KIOSK, events,
                clock.millis(), null, null);
        new DeviceKeyStore(dynamo, table).find(kiosk.tenantId(), kiosk.keyId());
        DeviceSecrets secrets = new DeviceSecrets(kms, "priming");
        var verifier = new SignedRequestVerifier((t, keyId) -> Optional.of(kiosk), secrets::secretFor,
                new NonceStore(dynamo, table)::recordOnce, clock);
        return new PrimingKiosk(kiosk, secrets, verifier, clock);
    }

    /** The headers of a JSON request this kiosk signs. */
    public Map<String, String> sign(String method, String path, String body) {
        var headers = new HashMap<>(new RequestSigner(key.keyId(), secrets.secretFor(key.tenantId(), key.keyId()), clock)
                .sign(method, path, body));
        headers.put("content-type", "application/json");
        return headers;
    }
}
