package io.seatpilot.core.telemetry;

import io.seatpilot.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Puts accepted envelopes on the ingest queue. A whole request travels as one message when it fits, which
 * keeps SQS requests per event far below one; larger requests are split under SQS's message size limit.
 */
public final class IngestQueue {

    /** Leaves head room under SQS's 256 KiB message limit for the message's own fields. */
    static final int MAX_MESSAGE_BYTES = 200 * 1024;

    private final SqsClient sqs;
    private final String queueUrl;

    public IngestQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Returns once SQS has acknowledged every message: the envelopes are then durable. */
    public void send(IngestMessage message) {
        for (IngestMessage part : split(message)) {
            String body = Json.write(part);
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        }
    }

    static List<IngestMessage> split(IngestMessage message) {
        List<IngestMessage> parts = new ArrayList<>();
        List<IngestMessage.Entry> current = new ArrayList<>();
        int size = 0;
        for (IngestMessage.Entry entry : message.envelopes()) {
            int entrySize = Json.write(entry).length();
            if (!current.isEmpty() && size + entrySize > MAX_MESSAGE_BYTES) {
                parts.add(part(message, parts.size(), current));
                current = new ArrayList<>();
                size = 0;
            }
            current.add(entry);
            size += entrySize;
        }
        if (!current.isEmpty()) {
            parts.add(part(message, parts.size(), current));
        }
        return parts;
    }

    private static IngestMessage part(IngestMessage message, int index, List<IngestMessage.Entry> entries) {
        return new IngestMessage(message.messageId() + "-" + index, message.tenantId(), message.keyId(),
                message.deviceId(), message.requestId(), message.receivedAt(), List.copyOf(entries), message.replay());
    }
}
