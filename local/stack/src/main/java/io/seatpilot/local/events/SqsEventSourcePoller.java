package io.seatpilot.local.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.local.aws.LocalAccount;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.local.lambda.FunctionEvent;
import io.seatpilot.local.lambda.InvocationResult;
import io.seatpilot.local.lambda.LambdaInvoker;
import io.seatpilot.local.log.StackLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One SQS event source mapping, run as Lambda runs it: long-poll the queue, gather up to BatchSize messages within
 * MaximumBatchingWindowInSeconds, invoke with the SQS event, then delete what succeeded. Messages that failed are
 * simply not deleted: they come back after the queue's visibility timeout, and ElasticMQ moves them to the
 * dead-letter queue after the RedrivePolicy's maxReceiveCount, exactly as SQS would.
 */
public final class SqsEventSourcePoller implements AutoCloseable {

    /** SQS hands out at most ten messages per receive. */
    private static final int MAX_MESSAGES_PER_RECEIVE = 10;
    /** Short long-polls keep shutdown quick; an idle mapping costs one local request per second. */
    private static final int POLL_WAIT_SECONDS = 1;
    private static final Duration BACKOFF_AFTER_ERROR = Duration.ofSeconds(1);

    private final FunctionDefinition function;
    private final FunctionEvent.Sqs mapping;
    private final String queueUrl;
    private final SqsClient sqs;
    private final LambdaInvoker invoker;
    private final StackLog log;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean running;
    private Duration batchingWindow;
    private Thread thread;

    public SqsEventSourcePoller(FunctionDefinition function, FunctionEvent.Sqs mapping, String queueUrl, SqsClient sqs,
                                LambdaInvoker invoker, StackLog log) {
        this.function = function;
        this.mapping = mapping;
        this.queueUrl = queueUrl;
        this.sqs = sqs;
        this.invoker = invoker;
        this.log = log;
    }

    public void start() {
        Duration visibility = Duration.ofSeconds(Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT)));
        // AWS only accepts a mapping whose queue hides messages longer than the function may run, so a batching
        // window never outlasts it. A shortened local visibility timeout must not let the first messages of a
        // batch reappear while the window is still gathering: the window then stays under half of it.
        Duration configured = Duration.ofSeconds(mapping.batchingWindowSeconds());
        batchingWindow = configured.compareTo(visibility.dividedBy(2)) > 0 ? visibility.dividedBy(2) : configured;
        running = true;
        thread = Thread.ofVirtual().name("sqs-" + function.logicalId() + "-" + mapping.name()).start(this::poll);
    }

    private void poll() {
        while (running) {
            try {
                List<Message> batch = receiveBatch();
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("SQS poller of " + function.logicalId() + " failed, retrying: " + e.getMessage());
                sleep(BACKOFF_AFTER_ERROR);
            }
        }
    }

    /** Waits for a first message, then gathers more until the batch is full or the batching window is over. */
    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>(receive(POLL_WAIT_SECONDS, mapping.batchSize()));
        long windowEnds = System.nanoTime() + batchingWindow.toNanos();
        while (!batch.isEmpty() && batch.size() < mapping.batchSize() && System.nanoTime() < windowEnds && running) {
            Duration remaining = Duration.ofNanos(windowEnds - System.nanoTime());
            List<Message> more = receive((int) Math.min(remaining.toSeconds(), POLL_WAIT_SECONDS), mapping.batchSize() - batch.size());
            if (more.isEmpty() && remaining.toSeconds() == 0) {
                // SQS long-polls in whole seconds; the last fraction of the window is waited out here.
                sleep(remaining);
            }
            batch.addAll(more);
        }
        return batch;
    }

    private List<Message> receive(int waitSeconds, int wanted) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(waitSeconds)
                .maxNumberOfMessages(Math.min(wanted, MAX_MESSAGES_PER_RECEIVE))
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    private void deliver(List<Message> batch) {
        InvocationResult result = invoker.invoke(function.logicalId(), "SQS " + mapping.name() + " (" + batch.size() + " messages)",
                event(batch));
        Set<String> failed = switch (result) {
            case InvocationResult.Failed ignored -> allIds(batch);
            case InvocationResult.Succeeded succeeded when !mapping.reportBatchItemFailures() -> Set.of();
            case InvocationResult.Succeeded succeeded -> switch (BatchItemFailures.read(succeeded.payload(), allIds(batch), json)) {
                case BatchItemFailures.AllSucceeded ignored -> Set.of();
                case BatchItemFailures.Some some -> some.failedIds();
                case BatchItemFailures.WholeBatch whole -> {
                    log.warn(function.logicalId() + " batch response fails the whole batch: " + whole.why());
                    yield allIds(batch);
                }
            };
        };
        List<Message> succeeded = batch.stream().filter(m -> !failed.contains(m.messageId())).toList();
        for (int from = 0; from < succeeded.size(); from += MAX_MESSAGES_PER_RECEIVE) {
            List<Message> chunk = succeeded.subList(from, Math.min(from + MAX_MESSAGES_PER_RECEIVE, succeeded.size()));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i)).receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
    }

    private static Set<String> allIds(List<Message> batch) {
        return batch.stream().map(Message::messageId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The SQS event as Lambda builds it, record by record. */
    private byte[] event(List<Message> batch) {
        ObjectNode event = json.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
            record.put("md5OfBody", message.md5OfBody());
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", mapping.queueArn());
            record.put("awsRegion", LocalAccount.REGION);
        }
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the SQS event", e);
        }
    }

    private ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode node = json.createObjectNode();
        if (value.stringValue() != null) {
            node.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            node.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        ArrayNode strings = node.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = node.putArray("binaryListValues");
        value.binaryListValues().forEach(b -> binaries.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        node.put("dataType", value.dataType());
        return node;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(Duration.ofSeconds(POLL_WAIT_SECONDS + 2));
        }
    }
}
