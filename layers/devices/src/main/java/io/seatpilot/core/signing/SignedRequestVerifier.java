package io.seatpilot.core.signing;

import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.TenantIds;
import io.seatpilot.core.devices.DeviceKey;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.Reason;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The server checks of SPEC §4, in the contract's order (size, headers, skew, key, signature, replay). Route and
 * event permissions (check 7) belong to the caller, who knows the route.
 */
public final class SignedRequestVerifier implements Callers.SignedRequests {

    public static final long MAX_SKEW_MILLIS = 300_000;

    /** Finds a key record by tenant and key id (DynamoDB in functions). */
    @FunctionalInterface
    public interface KeyLookup {
        Optional<DeviceKey> find(String tenantId, String keyId);
    }

    /** The key's secret as issued (derived with KMS and cached in functions). */
    @FunctionalInterface
    public interface SecretLookup {
        String secretFor(String tenantId, String keyId);
    }

    /** Records a nonce once; false when it was already recorded for the key. */
    @FunctionalInterface
    public interface NonceRecorder {
        boolean recordOnce(String tenantId, String keyId, String nonce, long expiresAtEpochSeconds);
    }

    private final KeyLookup keys;
    private final SecretLookup secrets;
    private final NonceRecorder nonces;
    private final Clock clock;

    public SignedRequestVerifier(KeyLookup keys, SecretLookup secrets, NonceRecorder nonces, Clock clock) {
        this.keys = keys;
        this.secrets = secrets;
        this.nonces = nonces;
        this.clock = clock;
    }

    /**
     * A request whose checks 1–5 passed and whose nonce is being recorded (check 6). {@link #confirm()} waits for
     * the nonce and refuses a replay; until it returns, the caller may read but must not write or answer.
     */
    public record Verified(Principal.Device device, CompletableFuture<Boolean> nonceRecorded) implements Callers.SignedDevice {

        @Override
        public Principal.Device confirm() {
            boolean fresh;
            try {
                fresh = nonceRecorded.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            return ifFresh(fresh, device);
        }
    }

    /** A request whose checks 1–5 passed, with what recording its nonce needs. */
    private record Signed(DeviceKey key, String nonce, long nonceExpiresAt) {

        boolean recordNonce(NonceRecorder nonces) {
            return nonces.recordOnce(key.tenantId(), key.keyId(), nonce, nonceExpiresAt);
        }
    }

    private static Principal.Device ifFresh(boolean fresh, Principal.Device device) {
        if (!fresh) {
            throw new ApiException(Reason.REPLAY_DETECTED, "Nonce already used with this key");
        }
        return device;
    }

    /**
     * Every check of SPEC §4 in order; answers once the nonce is recorded. The nonce is recorded right here, not
     * through a future: this path runs for every envelope sent to ingest (issue 16).
     */
    @Override
    public Principal.Device verify(ApiRequest request, int maxBodyBytes) {
        Signed signed = check(request, maxBodyBytes, device -> { });
        return ifFresh(signed.recordNonce(nonces), signed.key().principal());
    }

    /**
     * The same checks, with the nonce recorded on {@code nonceWriter} while the caller goes on reading: the door
     * overlaps that write with its reads instead of waiting for it first, and may start reads once the key record
     * is read ({@code keyRead}), beside the derivation of its secret. The caller must {@link Verified#confirm()}
     * before writing or answering, and before answering a refusal of its own, so a replay is still refused first.
     */
    @Override
    public Verified verify(ApiRequest request, int maxBodyBytes, Executor nonceWriter, Consumer<Principal.Device> keyRead) {
        Signed signed = check(request, maxBodyBytes, keyRead);
        return new Verified(signed.key().principal(), CompletableFuture.supplyAsync(() -> signed.recordNonce(nonces), nonceWriter));
    }

    @Override
    public boolean isSigned(ApiRequest request) {
        return request.header(SignatureHeaders.KEY).isPresent();
    }

    /** Checks 1–5 of SPEC §4; {@code keyRead} hears of a usable key's device before its secret is derived. */
    private Signed check(ApiRequest request, int maxBodyBytes, Consumer<Principal.Device> keyRead) {
        if (request.body().length > maxBodyBytes) {
            throw new ApiException(Reason.PAYLOAD_TOO_LARGE, "Body larger than " + maxBodyBytes + " bytes");
        }
        SignatureHeaders headers = SignatureHeaders.parse(request);
        long now = clock.millis();
        if (Math.abs(now - headers.tsMillis()) > MAX_SKEW_MILLIS) {
            throw new ApiException(Reason.TIMESTAMP_SKEW, "x-ts is more than 300 s away from server time");
        }
        DeviceKey key = headers.tenantOfKey().filter(TenantIds::isValid)
                .flatMap(tenantId -> keys.find(tenantId, headers.keyId())).filter(k -> k.usableAt(now)).orElse(null);
        if (key == null) {
            throw new ApiException(Reason.KEY_INVALID, "Key unknown, revoked or expired");
        }
        keyRead.accept(key.principal());
        byte[] expected = HmacSha256.mac(secrets.secretFor(key.tenantId(), key.keyId()),
                StringToSign.prefix(request.method(), request.path(), headers.ts(), headers.nonce()), request.body());
        if (!HmacSha256.constantTimeEqualsHex(expected, headers.signature())) {
            throw new ApiException(Reason.SIGNATURE_INVALID, "Signature does not match");
        }
        // Recorded only after this, once the signature verified, so a forger cannot burn a device's nonces.
        return new Signed(key, headers.nonce(), (now + 2 * MAX_SKEW_MILLIS) / 1000);
    }
}
