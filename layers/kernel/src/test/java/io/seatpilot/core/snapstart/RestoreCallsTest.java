package io.seatpilot.core.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.wiring.Platform;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A function's restore calls through its real {@link Platform}: its DynamoDB client, pointed at a server here that
 * notes each request. Nothing is sent at the checkpoint; after the restore, one read of a key no tenant owns; a
 * failing call does not fail the restore.
 */
class RestoreCallsTest {

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";

    @BeforeEach
    void listen() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.add(exchange.getRequestHeaders().getFirst("x-amz-target") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("content-type", "application/x-amz-json-1.0");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private LocalSnapshot functionWithRestoreCalls(String id) {
        var snapshot = new LocalSnapshot();
        Env env = new Env(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + server.getAddress().getPort(),
                "AWS_ACCESS_KEY_ID", "AKIATEST", "AWS_SECRET_ACCESS_KEY", "test", "TABLE_NAME", "seatpilot",
                "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start", SnapStartHooks.LOCAL_CONTEXT, id));
        try (var hosted = SnapStartHooks.host(id, snapshot)) {
            new Platform(env, Clock.systemUTC()).restoreCalls();
        }
        return snapshot;
    }

    @Test
    void afterTheRestoreTheTableIsReadOnceAtAKeyNoTenantOwnsAndNothingBeforeTheCheckpoint() throws Exception {
        LocalSnapshot snapshot = functionWithRestoreCalls("restore-calls-test-read");

        snapshot.checkpoint();
        assertEquals(List.of(), received, "nothing may be sent from the snapshot");

        snapshot.restore();
        assertEquals(1, received.size(), received::toString);
        assertTrue(received.getFirst().startsWith("DynamoDB_20120810.GetItem "), received::toString);
        assertTrue(received.getFirst().contains("\"T#~snapstart#restore\""), received::toString);
        assertTrue(received.getFirst().contains("\"TableName\":\"seatpilot\""), received::toString);
    }

    @Test
    void aFailingCallDoesNotFailTheRestore() throws Exception {
        status = 400;
        answer = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"no table\"}";
        LocalSnapshot snapshot = functionWithRestoreCalls("restore-calls-test-failure");

        snapshot.checkpoint();
        snapshot.restore();

        assertEquals(1, received.size(), received::toString);
    }
}
