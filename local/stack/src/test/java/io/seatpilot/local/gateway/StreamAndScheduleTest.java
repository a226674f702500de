package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.gateway.fixtures.Recorded;
import io.seatpilot.local.lambda.InvocationResult;
import io.seatpilot.local.it.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB Streams and Schedule event sources of the test template, ready for the functions that will use them. */
class StreamAndScheduleTest {

    private static LocalStack stack;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void stack() {
        stack = TestStack.get();
        dynamo = stack.awsClients().dynamoDb();
    }

    private static void put(String pk, Map<String, AttributeValue> more) {
        var item = new java.util.HashMap<>(more);
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromS("v1"));
        dynamo.putItem(b -> b.tableName(stack.tableName("ItemsTable")).item(item));
    }

    private static List<DynamodbEvent.DynamodbStreamRecord> records(String pk) {
        return Recorded.of("stream", DynamodbEvent.DynamodbStreamRecord.class).stream()
                .filter(r -> r.getDynamodb().getKeys().get("pk").getS().equals(pk)).toList();
    }

    @Test
    void writesReachTheStreamFunctionAsLambdasDynamodbEvent() {
        String pk = "item-" + UUID.randomUUID();
        put(pk, Map.of("kind", AttributeValue.fromS("guest"), "count", AttributeValue.fromN("3"),
                "tags", AttributeValue.fromSs(List.of("vip")), "nested", AttributeValue.fromM(Map.of("ok", AttributeValue.fromBool(true)))));
        Eventually.until(Duration.ofSeconds(15), "the INSERT record arrives", () -> !records(pk).isEmpty());
        var record = records(pk).getFirst();
        assertEquals("INSERT", record.getEventName());
        assertEquals("aws:dynamodb", record.getEventSource());
        assertEquals(stack.attribute("ItemsTable", "StreamArn"), record.getEventSourceARN());
        assertEquals("us-east-1", record.getAwsRegion());
        assertEquals("3", record.getDynamodb().getNewImage().get("count").getN());
        assertEquals(List.of("vip"), record.getDynamodb().getNewImage().get("tags").getSS());
        assertTrue(record.getDynamodb().getNewImage().get("nested").getM().get("ok").getBOOL());
        assertEquals("NEW_AND_OLD_IMAGES", record.getDynamodb().getStreamViewType());
        assertTrue(record.getDynamodb().getApproximateCreationDateTime().getTime() > 0);

        dynamo.deleteItem(b -> b.tableName(stack.tableName("ItemsTable"))
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("v1"))));
        Eventually.until(Duration.ofSeconds(15), "the REMOVE record arrives", () -> records(pk).size() == 2);
        assertEquals("REMOVE", records(pk).get(1).getEventName());
        assertEquals("guest", records(pk).get(1).getDynamodb().getOldImage().get("kind").getS());
    }

    @Test
    void aReportedFailureIsRetriedFromThatRecordAndNothingBeforeItRunsTwice() {
        String run = UUID.randomUUID().toString();
        List<String> keys = List.of("before-" + run, "poison-" + run, "after-" + run);
        keys.forEach(pk -> put(pk, Map.of()));
        Eventually.until(Duration.ofSeconds(20), "all three records are processed", () -> keys.stream().allMatch(pk -> !records(pk).isEmpty()));
        keys.forEach(pk -> assertEquals(1, records(pk).size(), pk + " is processed once"));
    }

    @Test
    void triggerScheduleSendsEventBridgesScheduledEvent() {
        long before = stack.functionInvocationCount("ScheduleFunction");
        List<InvocationResult> results = stack.triggerSchedule("ScheduleFunction");
        assertEquals(1, results.size());
        assertInstanceOf(InvocationResult.Succeeded.class, results.getFirst());
        assertEquals(before + 1, stack.functionInvocationCount("ScheduleFunction"));
        ScheduledEvent event = Recorded.of("schedule", ScheduledEvent.class).getLast();
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertEquals("000000000000", event.getAccount());
        assertEquals(List.of("arn:aws:events:us-east-1:000000000000:rule/ScheduleFunctionDaily"), event.getResources());
        assertThrows(IllegalArgumentException.class, () -> stack.triggerSchedule("EchoFunction"));
    }
}
