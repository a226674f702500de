package io.seatpilot.local.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Amazon SES API v2 and Amazon SNS on one loopback port, for the SDK's {@code SesV2Client} and {@code SnsClient}
 * ({@code endpointOverride(server.endpoint())} for both): SES v2 requests are the REST paths under
 * {@code /v2/email/}, SNS requests are Query-protocol posts to {@code /}. Nothing is sent anywhere; every accepted
 * message goes into the {@link #outbox()}.
 *
 * <pre>{@code
 * try (var messaging = LocalMessagingServer.builder().build().start()) {
 *     messaging.verifyIdentity("seatpilot.example");                 // a domain: any address @ it may send
 *     String topic = messaging.createTopic("seatpilot-oncall-dev");
 *     ... SesV2Client / SnsClient against messaging.endpoint() ...
 *     messaging.outbox().list(Outbox.Filter.ALL);
 * }
 * }</pre>
 */
public final class LocalMessagingServer implements AutoCloseable {

    public static final String ACCOUNT_ID = "000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int requestedPort;
    private final Outbox outbox = new Outbox();
    private final Identities identities;
    private final SesV2Endpoint ses;
    private final SnsEndpoint sns;
    private HttpServer server;
    private ExecutorService executor;

    private LocalMessagingServer(Builder builder) {
        this.requestedPort = builder.port;
        Deliveries deliveries = new Deliveries(outbox, builder.clock);
        this.identities = new Identities(builder.region, ACCOUNT_ID);
        this.ses = new SesV2Endpoint(identities, deliveries);
        this.sns = new SnsEndpoint(builder.region, ACCOUNT_ID, deliveries);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 and serves; returns this server. A server starts once. */
    public synchronized LocalMessagingServer start() {
        if (server != null) {
            throw new IllegalStateException("A LocalMessagingServer starts once");
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", requestedPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for SES/SNS on port " + requestedPort, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What was accepted so far. */
    public Outbox outbox() {
        return outbox;
    }

    /** Makes an address or a whole domain a verified SES identity (locally verification is immediate). */
    public void verifyIdentity(String identity) {
        identities.add(identity);
    }

    /** Creates an SNS topic (idempotent) and returns its ARN. */
    public String createTopic(String name) {
        return sns.createTopic(name);
    }

    /** The identity ARN IAM authorises a send from this address against (for the local stack's IAM gate). */
    public String identityArnFor(String fromAddress) {
        return identities.arnFor(fromAddress);
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/v2/email/")) {
                try {
                    send(exchange, 200, "application/json", JSON.writeValueAsBytes(ses.handle(exchange.getRequestMethod(), path, body)));
                } catch (AwsError e) {
                    SesV2Endpoint.errorHeaders(e).forEach(exchange.getResponseHeaders()::add);
                    send(exchange, e.status(), null, JSON.writeValueAsBytes(Map.of("message", e.getMessage())));
                }
                return;
            }
            try {
                String answer = sns.handle(SnsEndpoint.form(new String(body, StandardCharsets.UTF_8)));
                send(exchange, 200, "text/xml", answer.getBytes(StandardCharsets.UTF_8));
            } catch (AwsError e) {
                send(exchange, e.status(), "text/xml", SnsEndpoint.error(e).getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            // a bug here must show as AWS's 500, not as a dropped connection the SDK would retry silently
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().add("content-type", contentType);
        }
        exchange.getResponseHeaders().add("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    public static final class Builder {
        private String region = "us-east-1";
        private int port;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** 0 (default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public LocalMessagingServer build() {
            return new LocalMessagingServer(this);
        }
    }
}
