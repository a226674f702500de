package io.seatpilot.core.aws;

import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials every client of a function uses. Providers cache what they fetched; credentials fetched at init
 * would be in the SnapStart snapshot, shared by every restored environment and possibly expired by the time one
 * runs. The provider is therefore replaced, cache and all, on both sides of the snapshot: the snapshot holds no
 * credentials, and a restored environment fetches its own.
 */
final class RestorableCredentials implements AwsCredentialsProvider, Resource {

    private final Supplier<AwsCredentialsProvider> factory;
    private volatile AwsCredentialsProvider current;

    RestorableCredentials(Supplier<AwsCredentialsProvider> factory) {
        this.factory = factory;
        this.current = factory.get();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return current.resolveCredentials();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        renew();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        renew();
    }

    private void renew() {
        AwsCredentialsProvider old = current;
        current = factory.get();
        if (old instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
