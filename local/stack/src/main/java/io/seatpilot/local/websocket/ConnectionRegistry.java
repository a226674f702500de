package io.seatpilot.local.websocket;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The open connections by id, shared by the WebSocket server (which adds and removes them) and the
 * {@code @connections} API (which reaches them). A connection is listed from the moment its {@code $connect}
 * was accepted until it closed, whichever side closed it.
 */
final class ConnectionRegistry {

    private final ConcurrentMap<String, Connection> open = new ConcurrentHashMap<>();

    void add(Connection connection) {
        open.put(connection.id(), connection);
    }

    /** The connection, if it was still listed: each connection is removed (and disconnected) once. */
    Optional<Connection> remove(String connectionId) {
        return Optional.ofNullable(open.remove(connectionId));
    }

    Collection<Connection> all() {
        return open.values();
    }

    Optional<Connection> find(String connectionId) {
        return Optional.ofNullable(open.get(connectionId)).filter(c -> c.socket().isOpen());
    }
}
