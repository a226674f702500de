package io.seatpilot.core.devices;

import io.seatpilot.core.signing.NonceStore;
import io.seatpilot.core.signing.SignedRequestVerifier;
import io.seatpilot.core.wiring.Lazy;
import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.snapstart.RestoreCalls;
import java.time.Duration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

/** The devices slice of a function: device keys, their KMS-derived secrets, and the signed-request checks. */
public final class DeviceWiring {

    private final Platform platform;
    private final Lazy<KmsClient> kms;
    private final Lazy<DeviceSecrets> deviceSecrets;

    public DeviceWiring(Platform platform) {
        this.platform = platform;
        this.kms = new Lazy<>(() -> kms(platform));
        this.deviceSecrets = new Lazy<>(() -> platform.hooks().register(new DeviceSecrets(kms.get(),
                platform.env().require("DEVICE_KEY_ROOT_ID"))));
    }

    /** The function's KMS client (shared with every other slice of the function that calls KMS). */
    public static KmsClient kms(Platform platform) {
        return platform.clients().client("KMS", KmsClient.class, KmsClient::builder);
    }

    /** Starts building the KMS client now (see {@link Platform#prefetchDynamo}). */
    public void prefetch() {
        kms.prefetch();
    }

    /**
     * Adds KMS to the function's restore calls: a MAC, under the root key, of a fixed text that is no device key's
     * message (those all start {@code seatpilot/device-key/v1|}), thrown away — the one KMS call the role may make.
     */
    public void restoreCall(RestoreCalls calls) {
        calls.add("kms", () -> kms.get().generateMac(b -> b.keyId(platform.env().require("DEVICE_KEY_ROOT_ID"))
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).message(SdkBytes.fromUtf8String("seatpilot/restore-check/v1"))));
    }

    public DeviceKeyStore deviceKeys() {
        return new DeviceKeyStore(platform.dynamo(), platform.table());
    }

    public DeviceKeyIssuer deviceKeyIssuer() {
        return new DeviceKeyIssuer(deviceKeys(), deviceSecrets.get(), platform.random(), platform.clock());
    }

    public SignedRequestVerifier signedRequestVerifier() {
        DeviceKeyStore keys = deviceKeys();
        return new SignedRequestVerifier(keys::find, deviceSecrets.get()::secretFor,
                new NonceStore(platform.dynamo(), platform.table())::recordOnce, platform.clock());
    }

    /**
     * The door's verifier: as {@link #signedRequestVerifier()}, but key records are kept for
     * {@link CachedDeviceKeys#DOOR_LIFETIME}, so a scan does not read its kiosk's key every time (a revoked key is
     * refused by the door within that bound).
     */
    public SignedRequestVerifier doorRequestVerifier() {
        var keys = platform.hooks().register(new CachedDeviceKeys(deviceKeys(), CachedDeviceKeys.DOOR_LIFETIME, 10_000));
        return new SignedRequestVerifier(keys::find, deviceSecrets.get()::secretFor,
                new NonceStore(platform.dynamo(), platform.table())::recordOnce, platform.clock());
    }

    /**
     * Key records as a queue worker reads them, kept longer than the door's: only their role and events are used,
     * and those never change once a key is issued.
     */
    public CachedDeviceKeys workerDeviceKeys() {
        return platform.hooks().register(new CachedDeviceKeys(deviceKeys(), Duration.ofMinutes(5), 10_000));
    }
}
