package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.local.LocalStack;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The test template's tables, queues and keys, as created in the stand-ins, read back through the AWS SDK. */
class ProvisioningTest {

    private static LocalStack stack;

    @BeforeAll
    static void stack() {
        stack = TestStack.get();
    }

    @Test
    void tablesGetKeysIndexesStreamAndTtlFromTheTemplate() {
        var dynamo = stack.awsClients().dynamoDb();
        var table = dynamo.describeTable(b -> b.tableName("ItemsTable")).table();
        assertEquals(List.of("pk", "sk"), table.keySchema().stream().map(k -> k.attributeName()).toList());
        assertEquals("ByKind", table.globalSecondaryIndexes().getFirst().indexName());
        assertEquals("NEW_AND_OLD_IMAGES", table.streamSpecification().streamViewTypeAsString());
        assertEquals(table.latestStreamArn(), stack.attribute("ItemsTable", "StreamArn"));
        assertEquals("PAY_PER_REQUEST", table.billingModeSummary().billingModeAsString());
        var ttl = dynamo.describeTimeToLive(b -> b.tableName("ItemsTable")).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals("expires_at", ttl.attributeName());
    }

    @Test
    void queuesGetTheirAttributesTheirDeadLetterQueueAndTheVisibilityOverride() {
        var sqs = stack.awsClients().sqs();
        var jobs = sqs.getQueueAttributes(b -> b.queueUrl(stack.queueUrl("JobsQueue")).attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("1", jobs.get(QueueAttributeName.VISIBILITY_TIMEOUT), "the test stack overrides the template's 30 s");
        // ElasticMQ accepts MessageRetentionPeriod but neither reports nor enforces it; DelaySeconds shows the copy.
        assertEquals("2", jobs.get(QueueAttributeName.DELAY_SECONDS));
        assertTrue(jobs.get(QueueAttributeName.REDRIVE_POLICY).contains("arn:aws:sqs:us-east-1:000000000000:jobs-dlq-test"));
        assertTrue(jobs.get(QueueAttributeName.REDRIVE_POLICY).contains("\"maxReceiveCount\":3"));
        assertTrue(stack.queueUrl("JobsDeadLetterQueue").endsWith("/jobs-dlq-test"), "QueueName from the template");
        assertEquals("jobs-dlq-test", stack.attribute("JobsDeadLetterQueue", "QueueName"));
        var fifo = sqs.getQueueAttributes(b -> b.queueUrl(stack.queueUrl("OrderedQueue")).attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("true", fifo.get(QueueAttributeName.FIFO_QUEUE));
        assertEquals("true", fifo.get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION));
        assertTrue(stack.queueUrl("OrderedQueue").endsWith("OrderedQueue.fifo"));
    }

    @Test
    void keysGetTheirSpecAndAliases() {
        var kms = stack.awsClients().kms();
        var key = kms.describeKey(b -> b.keyId(stack.physicalId("SigningKey"))).keyMetadata();
        assertEquals(KeySpec.HMAC_256, key.keySpec());
        assertEquals(key.arn(), stack.attribute("SigningKey", "Arn"));
        assertEquals(key.keyId(), kms.describeKey(b -> b.keyId("alias/test-signing-test")).keyMetadata().keyId());
        assertEquals("alias/test-signing-test", stack.physicalId("SigningKeyAlias"));
    }

    @Test
    void resourcesTheStackDoesNotCreateGetPlaceholdersAndFalseConditionsSkipResources() {
        assertEquals("Notifications", stack.physicalId("Notifications"));
        assertEquals("arn:aws:s3:us-east-1:000000000000:Notifications", stack.attribute("Notifications", "Arn"));
        assertThrows(IllegalArgumentException.class, () -> stack.queueUrl("ProdOnlyQueue"), "Condition IsProd is false");
        assertEquals(List.of(), stack.function("ScheduleFunction").events(io.seatpilot.local.lambda.FunctionEvent.HttpApi.class));
        assertTrue(stack.function("ScheduleFunction").events().stream().anyMatch(e -> e instanceof io.seatpilot.local.lambda.FunctionEvent.Unsupported u
                && u.type().equals("S3")), "an S3 event is listed as not emulated, its properties never resolved");
    }
}
