package io.seatpilot.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.seatpilot.core.aws.AwsClients;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.devices.DeviceSecrets;
import io.seatpilot.core.snapstart.FreshRandom;
import io.seatpilot.core.snapstart.LocalSnapshot;
import io.seatpilot.core.snapstart.SnapStartHooks;
import io.seatpilot.local.log.StackLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The local stack simulates each function's SnapStart snapshot: after init, that function's beforeCheckpoint hooks,
 * then its afterRestore hooks, before its first invocation. Proved on the real core parts a function builds at init
 * (credentials, connections, derived device secrets, random generators), against an endpoint that issues new
 * credentials per fetch, answers KMS GenerateMac and notes which connection served each request.
 */
class SnapStartLifecycleTest {

    private HttpServer server;
    private final AtomicInteger credentialFetches = new AtomicInteger();
    private final AtomicInteger macs = new AtomicInteger();
    private final List<Integer> pingPorts = new CopyOnWriteArrayList<>();
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/credentials", exchange -> answer(exchange, """
                {"AccessKeyId":"ASIA%d","SecretAccessKey":"s","Token":"t","Expiration":"%s"}"""
                .formatted(credentialFetches.incrementAndGet(), Instant.now().plus(Duration.ofHours(6)))));
        server.createContext("/ping", exchange -> {
            pingPorts.add(exchange.getRemoteAddress().getPort());
            answer(exchange, "{}");
        });
        server.createContext("/", exchange -> {
            macs.incrementAndGet();
            answer(exchange, """
                    {"Mac":"%s","KeyId":"root","MacAlgorithm":"HMAC_SHA_256"}"""
                    .formatted(Base64.getEncoder().encodeToString(new byte[32])));
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** A function's init as the real ones do it: it builds and uses, before the snapshot, what it keeps. */
    public static final class Probe implements Resource {
        final AwsClients clients;
        final DeviceSecrets secrets;
        final FreshRandom random;
        final String credentialsAtInit;
        final List<String> hooksRun = new ArrayList<>();

        Probe(Map<String, String> environment, URI ping) {
            Env env = new Env(environment);
            SnapStartHooks hooks = SnapStartHooks.of(env);
            clients = new AwsClients(env);
            KmsClient kms = clients.client("KMS", KmsClient.class, KmsClient::builder);
            secrets = hooks.register(new DeviceSecrets(kms, "root"));
            random = hooks.register(new FreshRandom());
            hooks.register(this);
            credentialsAtInit = clients.configure(KmsClient.builder(), "KMS").build().serviceClientConfiguration()
                    .credentialsProvider().resolveIdentity().join().accessKeyId();
            secrets.secretFor("acme", "acme.key-1");
            ping(ping);
        }

        void ping(URI uri) {
            try {
                var request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.GET).build();
                var response = clients.httpClient().prepareRequest(HttpExecuteRequest.builder().request(request).build()).call();
                response.responseBody().orElseThrow().readAllBytes();
                response.responseBody().orElseThrow().close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        public String handleRequest(Map<String, Object> event) {
            return "ok";
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            hooksRun.add("beforeCheckpoint");
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            hooksRun.add("afterRestore");
        }
    }

    private LambdaInvoker host(String... logicalIds) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        List<FunctionDefinition> functions = new ArrayList<>();
        Map<String, Function<Map<String, String>, Object>> factories = new ConcurrentHashMap<>();
        for (String id : logicalIds) {
            functions.add(new FunctionDefinition(id, id, Probe.class.getName() + "::handleRequest", Duration.ofSeconds(5), 256,
                    Map.of("AWS_REGION", "us-east-1", "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start",
                            "AWS_ENDPOINT_URL_KMS", base,
                            "AWS_CONTAINER_CREDENTIALS_FULL_URI", base + "/credentials",
                            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "token-" + id), List.of(), Optional.empty()));
            factories.put(id, environment -> {
                var probe = new Probe(environment, URI.create(base + "/ping"));
                probes.put(id, probe);
                return probe;
            });
        }
        return new LambdaInvoker(functions, factories, new StackLog(true));
    }

    @Test
    void eachFunctionsHooksRunOnceForItBetweenInitAndItsFirstInvocation() {
        try (var invoker = host("FunctionA", "FunctionB")) {
            assertEquals(List.of("beforeCheckpoint", "afterRestore"), probes.get("FunctionA").hooksRun);
            assertEquals(List.of("beforeCheckpoint", "afterRestore"), probes.get("FunctionB").hooksRun);
            assertInstanceOf(InvocationResult.Succeeded.class, invoker.invoke("FunctionA", "test", "{}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(2, probes.get("FunctionA").hooksRun.size(), "no hook runs per invocation");
        }
    }

    @Test
    void nothingUniqueCreatedBeforeTheSnapshotIsUsedAfterRestore() {
        try (var invoker = host("FunctionA")) {
            Probe probe = probes.get("FunctionA");

            int macsAtInit = macs.get();
            probe.secrets.secretFor("acme", "acme.key-1");
            assertEquals(macsAtInit + 1, macs.get(), "the secret derived at init is not in the snapshot: derived again");

            String restored = probe.clients.configure(KmsClient.builder(), "KMS").build().serviceClientConfiguration()
                    .credentialsProvider().resolveIdentity().join().accessKeyId();
            assertNotEquals(probe.credentialsAtInit, restored, "credentials fetched at init are not used after restore");
            assertTrue(credentialFetches.get() >= 2);

            probe.ping(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping"));
            probe.ping(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping"));
            assertEquals(3, pingPorts.size());
            assertNotEquals(pingPorts.get(0), pingPorts.get(1), "the connection opened at init is not reused after restore");
            assertEquals(pingPorts.get(1), pingPorts.get(2), "after restore connections are kept alive again");
        }
    }

    @Test
    void aRandomGeneratorCreatedAtInitIsReplacedOnRestore() throws Exception {
        var generator = FreshRandom.class.getDeclaredField("generator");
        generator.setAccessible(true);
        FreshRandom random = new FreshRandom();
        Object atInit = generator.get(random);
        var snapshot = new LocalSnapshot();
        snapshot.register(random);
        snapshot.checkpointAndRestore();
        assertNotSame(atInit, generator.get(random));
    }
}
