package io.seatpilot.core.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.auth.StopHistory;
import io.seatpilot.core.devices.DeviceKey;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SPEC §4 checks and their order, with in-memory key and nonce stores (the DynamoDB ones are covered end to end). */
class SignedRequestVerifierTest {

    private static final long NOW = 1_767_312_000_000L;
    private static final String KEY_ID = "acme.0123456789abcdefghij";
    private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQ";
    private static final String BODY = "{\"events\":[]}";

    private final Map<String, DeviceKey> keys = new HashMap<>(Map.of(KEY_ID,
            new DeviceKey("acme", KEY_ID, "door-1", Role.KIOSK, Set.of(), 0, null, null)));
    private final Set<String> nonces = new HashSet<>();
    private final SignedRequestVerifier verifier = new SignedRequestVerifier(
            (tenant, keyId) -> Optional.ofNullable(keys.get(keyId)).filter(k -> k.tenantId().equals(tenant)),
            (tenant, keyId) -> SECRET,
            (tenant, keyId, nonce, expires) -> nonces.add(keyId + "|" + nonce),
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    private static Map<String, String> signed(String path, String body, long ts, String nonce) {
        return new HashMap<>(new RequestSigner(KEY_ID, SECRET).sign("POST", path, body.getBytes(StandardCharsets.UTF_8), Long.toString(ts), nonce));
    }

    private static ApiRequest request(String path, String body, Map<String, String> headers) {
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        var http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        context.setHttp(http);
        context.setStage("prod");
        context.setRequestId("r-1");
        var event = APIGatewayV2HTTPEvent.builder().withRawPath("/prod" + path).withHeaders(headers)
                .withBody(body).withRequestContext(context).withRouteKey("POST " + path).build();
        return ApiRequest.from(event);
    }

    private String reason(ApiRequest request, int limit) {
        return assertThrows(ApiException.class, () -> verifier.verify(request, limit)).problem().reason();
    }

    @Test
    void aCorrectlySignedRequestNamesTheDeviceAndItsTenant() {
        var device = verifier.verify(request("/v1/events", BODY, signed("/v1/events", BODY, NOW, "nonce-0000000000001")), 1024);
        assertEquals("acme", device.tenantId());
        assertEquals("door-1", device.deviceId());
    }

    /**
     * Ingest files an uploaded scan at the stop its kiosk stood at when it scanned (SPEC §16): the device a signature
     * verifies as carries the history its key record holds, so the upload need not read that record again.
     */
    @Test
    void theVerifiedDeviceCarriesWhereItsKeySaysItStood() {
        long moved = NOW - 60_000;
        keys.put(KEY_ID, new DeviceKey("acme", KEY_ID, "door-1", Role.KIOSK, Set.of("gala"), 0, null, null, "reception",
                StopHistory.startingAt("ceremony", 0).then("reception", moved)));
        var device = verifier.verify(request("/v1/events", BODY, signed("/v1/events", BODY, NOW, "nonce-0000000000002")), 1024);
        assertEquals("ceremony", device.stopAt(moved - 1));
        assertEquals("reception", device.stopAt(moved));
        assertEquals("reception", device.stopId());
    }

    @Test
    void sizeIsCheckedBeforeAnythingElse() {
        assertEquals("payload_too_large", reason(request("/v1/events", BODY, Map.of()), 4));
    }

    @Test
    void missingOrMalformedHeadersAreSignatureMissing() {
        var headers = signed("/v1/events", BODY, NOW, "nonce-0000000000002");
        headers.remove("x-nonce");
        assertEquals("signature_missing", reason(request("/v1/events", BODY, headers), 1024));
        var shortNonce = signed("/v1/events", BODY, NOW, "short");
        assertEquals("signature_missing", reason(request("/v1/events", BODY, shortNonce), 1024));
        var upperHex = signed("/v1/events", BODY, NOW, "nonce-0000000000003");
        upperHex.put("x-sig", upperHex.get("x-sig").toUpperCase());
        assertEquals("signature_missing", reason(request("/v1/events", BODY, upperHex), 1024));
    }

    @Test
    void skewIsRefusedInBothDirectionsAtTheBoundary() {
        assertEquals("timestamp_skew", reason(request("/v1/events", BODY, signed("/v1/events", BODY, NOW - 300_001, "nonce-0000000000004")), 1024));
        assertEquals("timestamp_skew", reason(request("/v1/events", BODY, signed("/v1/events", BODY, NOW + 300_001, "nonce-0000000000005")), 1024));
        verifier.verify(request("/v1/events", BODY, signed("/v1/events", BODY, NOW - 300_000, "nonce-0000000000006")), 1024);
    }

    @Test
    void unknownRevokedAndExpiredKeysAreInvalid() {
        keys.put(KEY_ID, new DeviceKey("acme", KEY_ID, "door-1", Role.KIOSK, Set.of(), 0, null, NOW - 1));
        assertEquals("key_invalid", reason(request("/v1/events", BODY, signed("/v1/events", BODY, NOW, "nonce-0000000000007")), 1024));
        keys.put(KEY_ID, new DeviceKey("acme", KEY_ID, "door-1", Role.KIOSK, Set.of(), 0, NOW, null));
        assertEquals("key_invalid", reason(request("/v1/events", BODY, signed("/v1/events", BODY, NOW, "nonce-0000000000008")), 1024));
        keys.clear();
        assertEquals("key_invalid", reason(request("/v1/events", BODY, signed("/v1/events", BODY, NOW, "nonce-0000000000009")), 1024));
    }

    /**
     * The door starts reading its event while the key's secret is derived: it hears of the key's device once the
     * record is read, before the secret — never for a key that is unknown, revoked or expired — and a signature
     * that does not match is still refused.
     */
    @Test
    void theKeysDeviceIsToldOnceItsRecordIsRead_beforeItsSecretIsDerived() {
        java.util.List<String> order = new java.util.ArrayList<>();
        var telling = new SignedRequestVerifier((tenant, keyId) -> {
            order.add("key record");
            return Optional.ofNullable(keys.get(keyId));
        }, (tenant, keyId) -> {
            order.add("secret");
            return SECRET;
        }, (tenant, keyId, nonce, expires) -> nonces.add(keyId + "|" + nonce), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        var verified = telling.verify(request("/v1/events", BODY, signed("/v1/events", BODY, NOW, "nonce-0000000000021")), 1024,
                Runnable::run, device -> order.add("told " + device.deviceId()));
        assertEquals(java.util.List.of("key record", "told door-1", "secret"), order);
        assertEquals("door-1", verified.confirm().deviceId());

        order.clear();
        var forged = request("/v1/events", BODY, signed("/v1/events", "{\"events\":[1]}", NOW, "nonce-0000000000022"));
        assertEquals("signature_invalid", assertThrows(ApiException.class, () -> telling.verify(forged, 1024, Runnable::run,
                device -> order.add("told " + device.deviceId()))).problem().reason());
        assertEquals(java.util.List.of("key record", "told door-1", "secret"), order);

        keys.put(KEY_ID, new DeviceKey("acme", KEY_ID, "door-1", Role.KIOSK, Set.of(), 0, null, NOW - 1));
        order.clear();
        var revoked = request("/v1/events", BODY, signed("/v1/events", BODY, NOW, "nonce-0000000000023"));
        assertEquals("key_invalid", assertThrows(ApiException.class, () -> telling.verify(revoked, 1024, Runnable::run,
                device -> order.add("told " + device.deviceId()))).problem().reason());
        assertEquals(java.util.List.of("key record"), order, "a revoked key's device is never told of");
    }

    @Test
    void tamperingWithBodyPathTimestampOrNonceBreaksTheSignature() {
        var headers = signed("/v1/events", BODY, NOW, "nonce-0000000000010");
        assertEquals("signature_invalid", reason(request("/v1/events", BODY + " ", headers), 1024));
        assertEquals("signature_invalid", reason(request("/v1/event", BODY, headers), 1024));
        var ts = new HashMap<>(headers);
        ts.put("x-ts", Long.toString(NOW + 1));
        assertEquals("signature_invalid", reason(request("/v1/events", BODY, ts), 1024));
        var nonce = new HashMap<>(headers);
        nonce.put("x-nonce", "nonce-0000000000011");
        assertEquals("signature_invalid", reason(request("/v1/events", BODY, nonce), 1024));
        assertTrue(nonces.isEmpty(), "a forged request must not burn the device's nonces");
    }

    @Test
    void aReplayedNonceIsRefusedAfterTheFirstUse() {
        var headers = signed("/v1/events", BODY, NOW, "nonce-0000000000012");
        verifier.verify(request("/v1/events", BODY, headers), 1024);
        assertEquals("replay_detected", reason(request("/v1/events", BODY, headers), 1024));
    }

    @Test
    void aKeyIdOfAnyOtherShapeIsAnInvalidKeyNotAMissingSignature() {
        for (String keyId : new String[] {"no-tenant-dot-here-0123456789", "acme.short", ".0123456789abcdefghij",
                "acme.0123456789abcdefghij.extra", "x".repeat(500), "ümlaut.0123456789abcdefghij"}) {
            var headers = signed("/v1/events", BODY, NOW, "nonce-0000000000014");
            headers.put("x-key", keyId);
            assertEquals("key_invalid", reason(request("/v1/events", BODY, headers), 1024), keyId);
        }
        var empty = signed("/v1/events", BODY, NOW, "nonce-0000000000015");
        empty.put("x-key", "");
        assertEquals("signature_missing", reason(request("/v1/events", BODY, empty), 1024));
        var skewed = signed("/v1/events", BODY, NOW - 300_001, "nonce-0000000000016");
        skewed.put("x-key", "no-tenant-dot-here-0123456789");
        assertEquals("timestamp_skew", reason(request("/v1/events", BODY, skewed), 1024), "check 3 comes before check 4");
        assertTrue(nonces.isEmpty());
    }

    @Test
    void aKeyIdNamingAnotherTenantFindsNothing() {
        var headers = signed("/v1/events", BODY, NOW, "nonce-0000000000013");
        headers.put("x-key", "other.0123456789abcdefghij");
        assertEquals("key_invalid", reason(request("/v1/events", BODY, headers), 1024));
    }
}
