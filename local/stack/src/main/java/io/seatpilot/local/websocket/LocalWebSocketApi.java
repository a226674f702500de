package io.seatpilot.local.websocket;

import io.seatpilot.local.lambda.LambdaInvoker;
import io.seatpilot.local.log.StackLog;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * The local WebSocket API and its {@code @connections} management API. The management API starts first, because
 * the functions that call it are given its endpoint when they are created; the WebSocket side starts once those
 * functions exist, and stops first.
 */
public final class LocalWebSocketApi implements AutoCloseable {

    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final ConnectionsApi management;
    private final StackLog log;
    private Optional<WebSocketGateway> gateway = Optional.empty();

    public LocalWebSocketApi(StackLog log) {
        this.log = log;
        this.management = new ConnectionsApi(connections, log);
    }

    /** Where functions (and tests) reach {@code POST|GET|DELETE /@connections/{id}}. */
    public URI managementEndpoint() {
        return management.endpoint();
    }

    /**
     * Serves {@code api} on 127.0.0.1:{@code port} and returns once it listens. Close the returned handle to stop
     * serving — before the functions' invoker stops, as the last connections still run $disconnect.
     */
    public AutoCloseable serve(int port, WebSocketApiDefinition api, LambdaInvoker invoker, Clock clock) {
        return serve(port, api, invoker, WebSocketGateway.Limits.API_GATEWAY, clock);
    }

    synchronized AutoCloseable serve(int port, WebSocketApiDefinition api, LambdaInvoker invoker,
                                     WebSocketGateway.Limits limits, Clock clock) {
        if (gateway.isPresent()) {
            throw new IllegalStateException("One WebSocket API per port; already serving " + gateway.get().api().logicalId());
        }
        var started = new WebSocketGateway(port, api, invoker, connections, limits, clock, log);
        try {
            started.start();
        } catch (RuntimeException e) {
            closeQuietly(started);
            throw e;
        }
        gateway = Optional.of(started);
        return started;
    }

    private void closeQuietly(WebSocketGateway failed) {
        try {
            failed.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Stopping the WebSocket API after a failed start failed too: " + e);
        }
    }

    /** The API being served, if the template has one. */
    public Optional<WebSocketApiDefinition> served() {
        return gateway.map(WebSocketGateway::api);
    }

    @Override
    public void close() {
        management.close();
    }
}
