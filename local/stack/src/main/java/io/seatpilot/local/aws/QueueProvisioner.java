package io.seatpilot.local.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatpilot.local.template.ResolvedProperties;
import io.seatpilot.local.template.TemplateException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * AWS::SQS::Queue → CreateQueue on ElasticMQ with the template's timing, redrive and FIFO attributes. ElasticMQ
 * moves a message to the RedrivePolicy's dead-letter queue after maxReceiveCount receives, as SQS does.
 * Encryption settings have no local meaning and are ignored.
 */
final class QueueProvisioner implements Provisioner {

    private static final List<String> COPIED_ATTRIBUTES = List.of("DelaySeconds", "MaximumMessageSize",
            "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "FifoQueue",
            "ContentBasedDeduplication");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final Optional<Integer> visibilityTimeoutOverride;

    /** @param visibilityTimeoutOverride replaces every queue's VisibilityTimeout, so tests see redeliveries fast */
    QueueProvisioner(SqsClient sqs, Optional<Integer> visibilityTimeoutOverride) {
        this.sqs = sqs;
        this.visibilityTimeoutOverride = visibilityTimeoutOverride;
    }

    @Override
    public String resourceType() {
        return ResourceTypes.SQS_QUEUE;
    }

    @Override
    public ProvisionedResource provision(ResolvedProperties queue) {
        boolean fifo = queue.flag("FifoQueue", false);
        // CloudFormation generates FIFO names with the mandatory suffix; the logical id stands in for the name.
        String name = queue.string("QueueName").orElse(fifo ? queue.logicalId() + ".fifo" : queue.logicalId());
        Map<String, String> attributes = new HashMap<>();
        COPIED_ATTRIBUTES.forEach(attribute -> queue.string(attribute).ifPresent(value -> attributes.put(attribute, value)));
        visibilityTimeoutOverride.ifPresent(seconds -> attributes.put("VisibilityTimeout", String.valueOf(seconds)));
        Optional.ofNullable(queue.values().get("RedrivePolicy")).ifPresent(policy -> attributes.put("RedrivePolicy", json(policy)));

        String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new ProvisionedResource(queue.logicalId(), resourceType(), url,
                Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
    }

    /** CloudFormation accepts the policy as an object or as JSON text; SQS wants text. */
    private static String json(Object policy) {
        if (policy instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new TemplateException("RedrivePolicy is not serialisable: " + policy, e);
        }
    }
}
