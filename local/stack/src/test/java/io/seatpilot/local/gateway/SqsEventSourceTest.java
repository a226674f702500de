package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.gateway.fixtures.Recorded;
import io.seatpilot.local.it.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The SQS event source of QueueFunction (ReportBatchItemFailures) through ElasticMQ, with the test stack's 1 s visibility. */
class SqsEventSourceTest {

    private static LocalStack stack;
    private static SqsClient sqs;

    @BeforeAll
    static void stack() {
        stack = TestStack.get();
        sqs = stack.awsClients().sqs();
    }

    private static List<SQSEvent.SQSMessage> deliveries(String body) {
        return Recorded.of("queue", SQSEvent.SQSMessage.class).stream().filter(m -> m.getBody().equals(body)).toList();
    }

    private static void sendInOneBatch(List<String> bodies) {
        List<SendMessageBatchRequestEntry> entries = bodies.stream()
                .map(body -> SendMessageBatchRequestEntry.builder().id(String.valueOf(bodies.indexOf(body))).messageBody(body)
                        .messageAttributes(Map.of("origin", MessageAttributeValue
                                .builder().dataType("String").stringValue("test").build())).build())
                .toList();
        sqs.sendMessageBatch(b -> b.queueUrl(stack.queueUrl("JobsQueue")).entries(entries));
    }

    @Test
    void onlyTheReportedMessageComesBackAndTheOthersAreDeletedAfterOneDelivery() {
        String run = UUID.randomUUID().toString();
        String good1 = "ok-1-" + run;
        String flaky = "fail-once-" + run;
        String good2 = "ok-2-" + run;
        sendInOneBatch(List.of(good1, flaky, good2));

        Eventually.until(Duration.ofSeconds(20), "the failed message is delivered again", () -> deliveries(flaky).size() >= 2);
        SQSEvent.SQSMessage first = deliveries(good1).getFirst();
        assertEquals("aws:sqs", first.getEventSource());
        assertEquals(stack.attribute("JobsQueue", "Arn"), first.getEventSourceArn());
        assertEquals("us-east-1", first.getAwsRegion());
        assertEquals("test", first.getMessageAttributes().get("origin").getStringValue());
        assertTrue(first.getAttributes().keySet().containsAll(List.of("ApproximateReceiveCount", "SentTimestamp", "SenderId",
                "ApproximateFirstReceiveTimestamp")), first.getAttributes().toString());
        assertEquals(32, first.getMd5OfBody().length());
        assertEquals("2", deliveries(flaky).get(1).getAttributes().get("ApproximateReceiveCount"));

        // Generous: the 2 s queue delay and 1 s visibility make the normal path take ~2 s, but a CI run once
        // missed a 10 s limit and a run on a loaded machine a 30 s one (a message that becomes visible again may
        // wait out a whole 20 s long poll); this asserts that the queue drains, not how fast. The last counts
        // probed are in the failure message.
        Eventually.await(Duration.ofSeconds(60), () -> counts("JobsQueue"), counts -> counts.values().stream().allMatch("0"::equals));
        assertEquals(1, deliveries(good1).size(), "a succeeded message is deleted, never redelivered");
        assertEquals(1, deliveries(good2).size());
        assertEquals(2, deliveries(flaky).size());
    }

    @Test
    void aMessageThatKeepsFailingMovesToTheDeadLetterQueueAfterMaxReceiveCount() {
        String poison = "fail-always-" + UUID.randomUUID();
        sendInOneBatch(List.of(poison));
        String dlq = stack.queueUrl("JobsDeadLetterQueue");
        Eventually.until(Duration.ofSeconds(30), "the poison message reaches the DLQ", () -> sqs.receiveMessage(b -> b.queueUrl(dlq)
                .maxNumberOfMessages(10).visibilityTimeout(0)).messages().stream().anyMatch(m -> m.body().equals(poison)));
        assertEquals(3, deliveries(poison).size(), "RedrivePolicy maxReceiveCount 3");
    }

    private static Map<QueueAttributeName, String> counts(String logicalId) {
        return sqs.getQueueAttributes(b -> b.queueUrl(stack.queueUrl(logicalId)).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
    }
}
