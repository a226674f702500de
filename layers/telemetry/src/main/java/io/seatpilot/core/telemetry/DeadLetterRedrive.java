package io.seatpilot.core.telemetry;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Moves messages from the dead-letter queue back to the ingest queue after a fix. A message leaves the DLQ only
 * after SQS acknowledged its copy on the ingest queue, so a crash mid-way can repeat a message (the worker is
 * idempotent) but never lose one. Works on any SQS endpoint, including ElasticMQ, which lacks SQS's own
 * message-move task.
 */
public final class DeadLetterRedrive {

    private final SqsClient sqs;

    public DeadLetterRedrive(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** Redrives up to {@code max} messages; answers how many were moved. */
    public int redrive(String deadLetterQueueUrl, String targetQueueUrl, int max) {
        int moved = 0;
        while (moved < max) {
            int batch = Math.min(10, max - moved);
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl).maxNumberOfMessages(batch)
                    .waitTimeSeconds(1).visibilityTimeout(30).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                return moved;
            }
            List<SendMessageBatchRequestEntry> copies = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                Message message = messages.get(i);
                copies.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(message.body())
                        .messageAttributes(message.messageAttributes()).build());
            }
            var sent = sqs.sendMessageBatch(b -> b.queueUrl(targetQueueUrl).entries(copies)).successful();
            List<DeleteMessageBatchRequestEntry> deletions = sent.stream()
                    .map(ok -> DeleteMessageBatchRequestEntry.builder().id(ok.id())
                            .receiptHandle(messages.get(Integer.parseInt(ok.id())).receiptHandle()).build())
                    .toList();
            if (!deletions.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(deadLetterQueueUrl).entries(deletions));
            }
            moved += deletions.size();
            if (deletions.size() < messages.size()) {
                throw new IllegalStateException((messages.size() - deletions.size()) + " message(s) could not be re-sent; they stay in the DLQ");
            }
        }
        return moved;
    }
}
