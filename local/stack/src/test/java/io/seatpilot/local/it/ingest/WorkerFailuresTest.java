package io.seatpilot.local.it.ingest;

import io.seatpilot.core.wiring.Platform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.telemetry.DeadLetterRedrive;
import io.seatpilot.core.telemetry.IngestMessage;
import io.seatpilot.core.telemetry.IngestMessageProcessor;
import io.seatpilot.ingestworker.IngestWorkerHandler;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Worker failures on a stack of its own, whose worker carries a projection that fails once for one chosen
 * event — an injected crash in the middle of a batch.
 */
class WorkerFailuresTest {

    private static final Map<String, AtomicInteger> APPLIED = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> FAIL_ONCE = new ConcurrentHashMap<>();

    private static LocalStack stack;
    private static Tenant tenant;
    private static Tenant.Key kiosk;
    private static SqsClient sqs;

    @BeforeAll
    static void setUp() {
        IngestMessageProcessor.Projection flaky = (message, entry) -> {
            String eventId = entry.envelope().get("event_id").asText();
            APPLIED.computeIfAbsent(eventId, k -> new AtomicInteger()).incrementAndGet();
            if (FAIL_ONCE.remove(eventId) != null) {
                throw new IllegalStateException("injected crash while projecting " + eventId);
            }
        };
        stack = LocalStack.builder().httpPort(0).wsPort(0).visibilityTimeoutOverrideSeconds(1).quiet(true)
                .handlerOverride("IngestWorkerFunction",
                        env -> new IngestWorkerHandler(new Platform(new Env(env), Clock.systemUTC()), List.of(flaky)))
                .build().start();
        tenant = Tenant.on(stack, "workers");
        kiosk = tenant.kioskKey();
        sqs = stack.awsClients().sqs();
    }

    @AfterAll
    static void tearDown() {
        stack.close();
    }

    private static long accepted() {
        return tenant.api().withToken(tenant.adminToken(), "GET", "/v1/ingest/stats", null).json().get("totals").get("accepted").asLong();
    }

    @Test
    void aCrashOnOneMessageRedeliversOnlyThatMessageAndEveryEventEndsStoredOnce() {
        ObjectNode poisoned = Envelopes.scanStart(tenant.id());
        FAIL_ONCE.put(poisoned.get("event_id").asText(), true);
        List<ObjectNode> others = List.of(Envelopes.scanStart(tenant.id()), Envelopes.scanStart(tenant.id()));
        long before = accepted();
        for (ObjectNode envelope : List.of(others.get(0), poisoned, others.get(1))) {
            assertEquals(202, tenant.api().signed(kiosk.signer(), "POST", "/v1/events", envelope.toString()).status());
        }
        Eventually.await(Duration.ofSeconds(30), () -> APPLIED.getOrDefault(poisoned.get("event_id").asText(), new AtomicInteger()).get(), n -> n >= 2);
        Eventually.await(Duration.ofSeconds(10), WorkerFailuresTest::accepted, n -> n == before + 3);
        assertEquals(1, APPLIED.get(others.get(0).get("event_id").asText()).get(), "a good message of the batch ran once");
        assertEquals(1, APPLIED.get(others.get(1).get("event_id").asText()).get(), "a good message of the batch ran once");
        assertEquals(2, APPLIED.get(poisoned.get("event_id").asText()).get(), "only the failed message came back");
        for (ObjectNode envelope : List.of(others.get(0), poisoned, others.get(1))) {
            assertTrue(StoredEvents.exists(tenant, envelope.get("event_id").asText()));
        }
        assertEquals(before + 3, accepted(), "each event counted exactly once");
        var totals = tenant.api().withToken(tenant.adminToken(), "GET", "/v1/ingest/stats", null).json().get("totals");
        assertEquals(0, totals.get("duplicates").asLong(), "a redelivery is not a client repeat");
    }

    @Test
    void aPoisonMessageReachesTheDeadLetterQueueAndARedriveBringsFixedWorkBack() {
        String dlq = stack.queueUrl("IngestDeadLetterQueue");
        sqs.sendMessage(b -> b.queueUrl(stack.queueUrl("IngestQueue")).messageBody("{not an ingest message"));
        Eventually.await(Duration.ofSeconds(40), () -> depth(dlq), n -> n >= 1);

        sqs.purgeQueue(b -> b.queueUrl(dlq));
        ObjectNode envelope = Envelopes.scanStart(tenant.id());
        var message = new IngestMessage(UUID.randomUUID().toString(), tenant.id(), kiosk.keyId(), "door-1", "req-redrive",
                System.currentTimeMillis(), List.of(new IngestMessage.Entry("redrive:0", "hash-redrive", envelope)), false);
        sqs.sendMessage(b -> b.queueUrl(dlq).messageBody(Json.write(message)));
        int moved = new DeadLetterRedrive(sqs).redrive(dlq, stack.queueUrl("IngestQueue"), 100);
        assertEquals(1, moved);
        Eventually.await(Duration.ofSeconds(20), () -> StoredEvents.exists(tenant, envelope.get("event_id").asText()), stored -> stored);
    }

    private static int depth(String queueUrl) {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
