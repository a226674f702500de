package io.seatpilot.core.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.seating.SeatingStore;
import java.nio.charset.StandardCharsets;
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
 * read then joins that one instead of reading the four items again. The client answers every read in-process, each
 * read taking its own attributes, and each read takes a while, as a restored instance's first reads do.
 */
class EventContextsTest {

    private static final String ANSWER = """
            {"Item":{"definition":{"S":"{\\"name\\":\\"Gala\\",\\"kind\\":\\"gala\\",\\"timezone\\":\\"Europe/Madrid\\"}"},
                     "revision":{"N":"3"}},
             "Items":[{"sk":{"S":"t1"},"label":{"S":"A-1"},"zone":{"S":"za"},"capacity":{"N":"8"}}],"Count":1,"ScannedCount":1}""";

    private final AtomicInteger reads = new AtomicInteger();
    private final DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(CannedResponseHttpClient.builder().statusCode(200).responseBody(ANSWER.getBytes(StandardCharsets.UTF_8)).build())
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
    private final EventContexts contexts = new EventContexts(new EventSetupStore(dynamo, "table"), new SeatingStore(dynamo, "table"));

    @Test
    void aViewReadAhead_isJoinedByTheScansRead_notReadTwice() {
        contexts.prefetch("acme", "gala-1");
        var view = contexts.context("acme", "gala-1").orElseThrow();
        assertEquals("Gala", view.definition().name());
        assertTrue(view.tables().containsKey("t1"));
        assertEquals(4, reads.get(), "revision, event, tables, plan: once");

        contexts.prefetch("acme", "gala-1");
        contexts.context("acme", "gala-1").orElseThrow();
        assertEquals(4, reads.get(), "a view held is neither read ahead nor read again");
    }

    @Test
    void anIdThatCannotBeAnEvent_isNotReadAhead() {
        contexts.prefetch("acme", "../gala");
        assertTrue(contexts.context("acme", "../gala").isEmpty());
        assertEquals(0, reads.get());
    }
}
