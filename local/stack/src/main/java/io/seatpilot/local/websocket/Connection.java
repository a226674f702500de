package io.seatpilot.local.websocket;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;

/** One open client connection, as the @connections API describes it (GetConnection) and reaches it (PostToConnection). */
final class Connection {

    private final String id;
    private final WebSocket socket;
    private final Instant connectedAt;
    private final String sourceIp;
    private final String userAgent;
    private final AtomicReference<Instant> lastActiveAt;

    Connection(String id, WebSocket socket, Instant connectedAt, String sourceIp, String userAgent) {
        this.id = id;
        this.socket = socket;
        this.connectedAt = connectedAt;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.lastActiveAt = new AtomicReference<>(connectedAt);
    }

    String id() {
        return id;
    }

    WebSocket socket() {
        return socket;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    String sourceIp() {
        return sourceIp;
    }

    String userAgent() {
        return userAgent;
    }

    Instant lastActiveAt() {
        return lastActiveAt.get();
    }

    /** Only client messages count as activity, as for API Gateway's idle timeout. */
    void active(Instant now) {
        lastActiveAt.set(now);
    }
}
