package io.seatpilot.core.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.seating.SeatingStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.warmup.http.CannedResponseHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The door reads an event's view while its kiosk's secret is derived ({@link EventContexts#prefetch}); the scan's own
 * read then joins that one instead of reading the three items again. The client answers every read in-process, each
 * read taking its own attributes, and each read takes a while, as a restored instance's first reads do.
 */
class EventContextsTest {

    /** The definition, the revision with the plan's seats beside it, the tables. */
    private static final String ANSWER = """
            {"Item":{"definition":{"S":"{\\"name\\":\\"Gala\\",\\"kind\\":\\"gala\\",\\"timezone\\":\\"Europe/Madrid\\"}"},
                     "revision":{"N":"3"},"seats_gz":{"B":"%s"}},
             "Items":[{"sk":{"S":"t1"},"label":{"S":"A-1"},"zone":{"S":"za"},"capacity":{"N":"8"}}],"Count":1,"ScannedCount":1}"""
            .formatted(Base64.getEncoder().encodeToString(SeatingStore.gzip("{\"g1\":\"t1\"}")));

    private final AtomicInteger reads = new AtomicInteger();
    private final DynamoDbClient dynamo = client(ANSWER);
    private final EventContexts contexts = contexts(dynamo);

    private DynamoDbClient client(String answer) {
        return DynamoDbClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(CannedResponseHttpClient.builder().statusCode(200).responseBody(answer.getBytes(StandardCharsets.UTF_8)).build())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        reads.incrementAndGet();
                        try {
                            Thread.sleep(40);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }))
                .build();
    }

    private static EventContexts contexts(DynamoDbClient dynamo) {
        return new EventContexts(new EventSetupStore(dynamo, "table"), new SeatingStore(dynamo, "table"));
    }

    @Test
    void aViewReadAhead_isJoinedByTheScansRead_notReadTwice() {
        contexts.prefetch("acme", "gala-1");
        var view = contexts.context("acme", "gala-1").orElseThrow();
        assertEquals("Gala", view.definition().name());
        assertTrue(view.tables().containsKey("t1"));
        assertEquals(Map.of("g1", "t1"), view.publishedTables());
        assertEquals(3, reads.get(), "revision with the seats, event, tables: once each, and no plan file");

        contexts.prefetch("acme", "gala-1");
        contexts.context("acme", "gala-1").orElseThrow();
        assertEquals(3, reads.get(), "a view held is neither read ahead nor read again");
    }

    @Test
    void anIdThatCannotBeAnEvent_isNotReadAhead() {
        contexts.prefetch("acme", "../gala");
        assertTrue(contexts.context("acme", "../gala").isEmpty());
        assertEquals(0, reads.get());
    }

    @Test
    void aPlanPublishedBeforeItsSeatsWereKeptBesideTheRevision_isSeatedFromItsFile() {
        String legacy = ANSWER.replaceFirst(",\"seats_gz\":\\{\"B\":\"[^\"]*\"}", ",\"plan_gz\":{\"B\":\"%s\"}"
                .formatted(Base64.getEncoder().encodeToString(SeatingStore.gzip("{\"feasible\":true,\"assignments\":{\"g2\":\"t1\"}}"))));
        var view = contexts(client(legacy)).context("acme", "gala-1").orElseThrow();
        assertEquals(Map.of("g2", "t1"), view.publishedTables());
        assertEquals(4, reads.get(), "revision, event, tables, then the plan file");
    }
}
