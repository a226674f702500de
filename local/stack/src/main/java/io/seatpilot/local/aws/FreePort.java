package io.seatpilot.local.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** For servers that need a port number before they bind (DynamoDB Local, a reserved WebSocket port). */
public final class FreePort {

    // Below Linux's ephemeral range (32768 and up): a port picked here cannot be taken meanwhile by an outgoing
    // connection of the stack's own clients, which is what made "port 0, close, bind later" race under a busy suite.
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    /** A loopback port that is free now and not handed out before by this JVM; another process could still take it. */
    public static int pick() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                HANDED_OUT.add(port);
                return port;
            } catch (IOException taken) {
                // in use: draw again
            }
        }
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }
}
