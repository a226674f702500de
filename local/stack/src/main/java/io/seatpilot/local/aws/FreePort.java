package io.seatpilot.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** For servers that need a port number before they bind (DynamoDB Local, a reserved WebSocket port). */
public final class FreePort {

    private FreePort() {
    }

    /** A loopback port that is free now; another process could take it before it is used. */
    public static int pick() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }
}
