package io.seatpilot.local.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A KMS endpoint on the loopback interface that the AWS SDK talks to as if it were AWS KMS, with real
 * cryptography and nothing outside the JDK and Jackson. Keys live in memory only and vanish on close.
 *
 * <pre>{@code
 * try (var kms = LocalKmsServer.builder().build().start()) {
 *     KmsKeyRef root = kms.createHmacKey("alias/seatpilot-root", fixedSecretBytes);
 *     KmsClient client = KmsClient.builder().endpointOverride(kms.endpoint())...build();
 * }
 * }</pre>
 */
public final class LocalKmsServer implements AutoCloseable {

    /** The account every ARN names, as the local stack's conventions expect. */
    public static final String ACCOUNT_ID = "000000000000";

    /** Literal IPv4 loopback, not "localhost", which may resolve to ::1 on some machines. */
    private static final String LOOPBACK = "127.0.0.1";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    /** AWS's accepted lengths for imported HMAC_256 key material. */
    private static final int MIN_HMAC_256_IMPORT_BYTES = 32;
    private static final int MAX_HMAC_256_IMPORT_BYTES = 64;

    private final int requestedPort;
    private final KeyRegistry registry;
    private final KmsHttpHandler handler;
    private HttpServer server;
    private ExecutorService executor;
    private boolean closed;

    private LocalKmsServer(Builder builder) {
        this.requestedPort = builder.port;
        this.registry = new KeyRegistry(new ResourceNames(builder.region, ACCOUNT_ID));
        var random = new SecureRandom();
        var keys = new KeyOperations(registry, random);
        var crypto = new CryptoOperations(registry, random);
        this.handler = new KmsHttpHandler(Map.<String, Function<JsonRequest, JsonNode>>ofEntries(
                Map.entry("CreateKey", keys::createKey),
                Map.entry("DescribeKey", keys::describeKey),
                Map.entry("ListKeys", keys::listKeys),
                Map.entry("CreateAlias", keys::createAlias),
                Map.entry("ListAliases", keys::listAliases),
                Map.entry("EnableKey", keys::enableKey),
                Map.entry("DisableKey", keys::disableKey),
                Map.entry("ScheduleKeyDeletion", keys::scheduleKeyDeletion),
                Map.entry("GenerateMac", crypto::generateMac),
                Map.entry("VerifyMac", crypto::verifyMac),
                Map.entry("Encrypt", crypto::encrypt),
                Map.entry("Decrypt", crypto::decrypt),
                Map.entry("GenerateDataKey", crypto::generateDataKey),
                Map.entry("GenerateRandom", crypto::generateRandom)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 and starts serving; returns this server for try-with-resources. */
    public synchronized LocalKmsServer start() {
        if (server != null || closed) {
            throw new IllegalStateException("A LocalKmsServer starts once");
        }
        try {
            var httpServer = HttpServer.create(new InetSocketAddress(LOOPBACK, requestedPort), 0);
            httpServer.createContext("/", handler);
            // One virtual thread per exchange: benchmarks hammer GenerateMac from many threads at once.
            executor = Executors.newVirtualThreadPerTaskExecutor();
            httpServer.setExecutor(executor);
            httpServer.start();
            server = httpServer;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the local KMS endpoint to port " + requestedPort, e);
        }
        return this;
    }

    /** The URI to pass to the SDK's {@code endpointOverride}; available once started. */
    public synchronized URI endpoint() {
        if (server == null || closed) {
            throw new IllegalStateException("The local KMS endpoint is not running");
        }
        return URI.create("http://" + LOOPBACK + ":" + server.getAddress().getPort());
    }

    public String region() {
        return registry.names().region();
    }

    /**
     * Creates an enabled HMAC_256 key with the given key material and an alias for it, like importing key
     * material into AWS KMS. The key id is derived from the alias, so a stack that creates the same alias
     * with the same bytes on every start gets the same key ARN and the same MACs across restarts.
     *
     * @param aliasName  {@code alias/…}, following the rules of CreateAlias
     * @param keyMaterial 32 to 64 bytes, the lengths AWS accepts for imported HMAC_256 key material
     * @throws IllegalArgumentException if the alias is invalid or taken, or the material has the wrong length
     */
    public KmsKeyRef createHmacKey(String aliasName, byte[] keyMaterial) {
        Objects.requireNonNull(aliasName, "aliasName");
        if (keyMaterial.length < MIN_HMAC_256_IMPORT_BYTES || keyMaterial.length > MAX_HMAC_256_IMPORT_BYTES) {
            throw new IllegalArgumentException("HMAC_256 key material must be " + MIN_HMAC_256_IMPORT_BYTES + " to "
                    + MAX_HMAC_256_IMPORT_BYTES + " bytes, got " + keyMaterial.length);
        }
        String keyId = UUID.nameUUIDFromBytes(("seatpilot-local-kms|" + aliasName).getBytes(StandardCharsets.UTF_8))
                .toString();
        try {
            KeyRegistry.requireValidAliasName(aliasName);
            KmsKey key = registry.add(keyId, KeySpec.HMAC_256, KeySpec.HMAC_256.wrap(keyMaterial.clone()),
                    KmsKey.Origin.EXTERNAL, "Imported by LocalKmsServer.createHmacKey");
            try {
                registry.createAlias(aliasName, key);
            } catch (KmsError e) {
                registry.remove(keyId);
                throw e;
            }
            return new KmsKeyRef(key.id(), key.arn());
        } catch (KmsError e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Requests served per KMS operation since start, failed ones included; operations never called are absent. */
    public Map<String, Long> operationCounts() {
        return handler.counts();
    }

    /** Stops serving at once; in-flight requests are cut off, since only tests and local stacks use this. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.stop(0);
            executor.close();
        }
    }

    /** Configuration is fixed at {@link #build()}; the server never changes region or port afterwards. */
    public static final class Builder {
        private String region = "us-east-1";
        private int port;

        private Builder() {
        }

        public Builder region(String region) {
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("Not an AWS region name: " + region);
            }
            this.region = region;
            return this;
        }

        /** 0, the default, picks a free port; read the result from {@link #endpoint()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        public LocalKmsServer build() {
            return new LocalKmsServer(this);
        }
    }
}
