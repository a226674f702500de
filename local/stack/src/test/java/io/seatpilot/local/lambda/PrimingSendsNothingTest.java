package io.seatpilot.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.seatpilot.core.snapstart.LocalSnapshot;
import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.snapstart.RestoreCalls;
import io.seatpilot.core.snapstart.SnapStartHooks;
import io.seatpilot.local.it.SharedStack;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.crac.CheckpointException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function of the template primes its first-call paths before its snapshot, and priming sends nothing: each
 * function is initialised as the local stack does it, but with every AWS endpoint of its environment (and its
 * credentials endpoint) pointing at one server here that notes each request it receives; then its checkpoint hooks
 * run, its primer among them. A primer that reached for the function's real clients (a read, a nonce write, an SQS
 * message, a KMS derivation) or fetched credentials would show up here. A function that answers people also
 * registers its restore calls (run after a restore only, so they send nothing here either).
 */
class PrimingSendsNothingTest {

    private static HttpServer server;
    private static final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void listen() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI()
                        + Optional.ofNullable(exchange.getRequestHeaders().getFirst("x-amz-target")).map(t -> " " + t).orElse(""));
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(503, -1);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionPrimesWithoutSendingARequest() {
        String nowhere = "http://127.0.0.1:" + server.getAddress().getPort();
        return SharedStack.get().functions().stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            Map<String, String> environment = new LinkedHashMap<>(function.environment());
            environment.replaceAll((name, value) -> name.startsWith("AWS_ENDPOINT_URL_")
                    || name.equals("AWS_CONTAINER_CREDENTIALS_FULL_URI") ? nowhere : value);
            String id = "priming-test#" + function.logicalId();
            environment.put(SnapStartHooks.LOCAL_CONTEXT, id);
            var hooks = new LocalSnapshot();
            try (var hosted = SnapStartHooks.host(id, hooks)) {
                LambdaHandler.load(function, environment, Optional.empty());
            }
            assertTrue(hooks.registered().stream().anyMatch(Priming.class::isInstance),
                    function.logicalId() + " registers no primer");
            // a function people wait on (an HTTP route, or the WebSocket API's integration: no event source) sets up
            // credentials and connections after a restore, not in its first request
            if (function.events().isEmpty() || !function.events(FunctionEvent.HttpApi.class).isEmpty()) {
                assertTrue(hooks.registered().stream().anyMatch(RestoreCalls.class::isInstance),
                        function.logicalId() + " answers people but registers no restore calls");
            }
            int atInit = received.size();
            Exception failed = null;
            try {
                hooks.checkpoint();
            } catch (CheckpointException e) {
                // a primer that sent gets this server's 503 and fails: the requests say why, so they are checked first
                failed = e;
            }
            assertEquals(List.of(), received.subList(atInit, received.size()),
                    function.logicalId() + "'s checkpoint hooks sent requests");
            if (failed != null) {
                throw failed;
            }
        }));
    }
}
