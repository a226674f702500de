package io.seatpilot.core.invite;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.seatpilot.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The invitation queue: one small message per guest and template, sent in batches of ten (SQS's maximum). */
public final class InvitationQueue {

    static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public InvitationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** One message to send; it names the guest, never their address, which the sender opens itself. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Send(@JsonProperty("tenant") String tenant, @JsonProperty("event") String event,
                       @JsonProperty("guest_id") String guestId, @JsonProperty("template") String template,
                       @JsonProperty("channel") String channel, @JsonProperty("generation") long generation,
                       @JsonProperty("round") String round) {

        public Deliveries.Key key() {
            return new Deliveries.Key(tenant, event, guestId, InvitationTemplate.fromWire(template).orElseThrow(),
                    Channel.fromWire(channel).orElseThrow(), round);
        }

        public static Send read(String body) {
            try {
                return Json.MAPPER.readValue(body, Send.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Sends every message; a batch entry SQS refused fails the call (its record stays queued, the planner resends). */
    public void sendAll(List<Send> messages) {
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<Send> batch = messages.subList(from, Math.min(messages.size(), from + BATCH));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(Json.write(batch.get(i))).build());
            }
            var answer = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (answer.hasFailed() && !answer.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + answer.failed().size() + " invitation messages: "
                        + answer.failed().getFirst().code());
            }
        }
    }
}
