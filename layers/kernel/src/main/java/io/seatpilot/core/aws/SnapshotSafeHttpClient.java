package io.seatpilot.core.aws;

import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The HTTP client of a function's AWS clients. The URL-connection client pools connections in the JDK's keep-alive
 * cache, which no hook can empty; a connection pooled before a SnapStart snapshot would be handed to a restored
 * environment, whose peer closed it long ago (or, worse, to every environment restored from the snapshot). So
 * until the environment is restored, requests ask the server to close their connection ({@code Connection: close})
 * and nothing opened at init is pooled; after restore connections are kept alive as usual. A function initialised
 * without a snapshot coming starts in the restored state.
 */
final class SnapshotSafeHttpClient implements SdkHttpClient, Resource {

    private final SdkHttpClient delegate;
    private volatile boolean restored;

    SnapshotSafeHttpClient(SdkHttpClient delegate, boolean snapshotComing) {
        this.delegate = delegate;
        this.restored = !snapshotComing;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (restored) {
            return delegate.prepareRequest(request);
        }
        return delegate.prepareRequest(HttpExecuteRequest.builder()
                .request(request.httpRequest().toBuilder().putHeader("Connection", "close").build())
                .contentStreamProvider(request.contentStreamProvider().orElse(null))
                .metricCollector(request.metricCollector().orElse(null))
                .build());
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        restored = false;
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restored = true;
    }
}
