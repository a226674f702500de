package io.seatpilot.core.live;

import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.json.Json;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Pushes one Ops Live message (SPEC §11: {@code {"type","event","seq","ts","data"}}) to every connection
 * subscribed to a tenant's event, all at once on virtual threads — one slow connection must not hold up the
 * others — and forgets connections that answer 410 Gone, so the next message does not try them again.
 */
public final class Publisher {

    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final LiveConnectionStore connections;
    private final ApiGatewayManagementApiClient management;
    private final Clock clock;

    public Publisher(LiveConnectionStore connections, ApiGatewayManagementApiClient management, Clock clock) {
        this.connections = connections;
        this.management = management;
        this.clock = clock;
    }

    /**
     * The stage's publisher: pushes go to the {@code @connections} address the template gives every publishing
     * function ({@code CONNECTIONS_ENDPOINT}), unless the local stack's override is set.
     */
    public static Publisher forStage(Platform platform) {
        ApiGatewayManagementApiClient management = platform.clients().client("APIGATEWAYMANAGEMENTAPI",
                ApiGatewayManagementApiClient.class, () -> ApiGatewayManagementApiClient.builder()
                        .endpointOverride(URI.create(platform.env().require("CONNECTIONS_ENDPOINT"))));
        return new Publisher(new LiveConnectionStore(platform.dynamo(), platform.table()), management, platform.clock());
    }

    /**
     * What one publication did: its sequence number, how many connections got it, were gone or failed, and how
     * long it took from the call until the last subscriber's {@code @connections} post was accepted (empty when
     * none was).
     */
    public record Published(long seq, int delivered, int gone, int failed, OptionalDouble deliveredAfterMs) {
    }

    private enum Outcome { DELIVERED, GONE, FAILED }

    public Published publish(String tenant, String event, String type, Object data) {
        long started = System.nanoTime();
        long seq = connections.nextSeq(tenant, event);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put("event", event);
        message.put("seq", seq);
        message.put("ts", clock.millis());
        message.put("data", data);
        SdkBytes bytes = SdkBytes.fromUtf8String(Json.write(message));
        List<String> subscribers = connections.subscribers(tenant, event);
        int delivered = 0;
        int gone = 0;
        int failed = 0;
        AtomicLong lastAccepted = new AtomicLong(started);
        try (ExecutorService pushes = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> outcomes = subscribers.stream()
                    .map(connectionId -> pushes.submit(() -> push(tenant, event, connectionId, bytes, lastAccepted))).toList();
            for (Future<Outcome> outcome : outcomes) {
                switch (result(outcome)) {
                    case DELIVERED -> delivered++;
                    case GONE -> gone++;
                    case FAILED -> failed++;
                }
            }
        }
        return new Published(seq, delivered, gone, failed, delivered == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((lastAccepted.get() - started) / 1_000_000.0));
    }

    private Outcome push(String tenant, String event, String connectionId, SdkBytes message, AtomicLong lastAccepted) {
        try {
            management.postToConnection(post -> post.connectionId(connectionId).data(message));
            lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
            return Outcome.DELIVERED;
        } catch (GoneException gone) {
            connections.forget(tenant, event, connectionId);
            return Outcome.GONE;
        } catch (RuntimeException e) {
            // Another connection's failure must not stop this message; the client resynchronises on its seq gap.
            LOG.warn("push to a live connection failed: {}", e.toString());
            return Outcome.FAILED;
        }
    }

    private static Outcome result(Future<Outcome> outcome) {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.FAILED;
        }
    }
}
