package io.seatpilot.core.safety;

import io.seatpilot.core.json.Json;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Schedules an alert's escalation check with SQS's per-message delay: the message becomes visible after the
 * escalation delay and the escalation function then escalates the alert unless it was acknowledged meanwhile.
 * Nothing polls or sleeps in a function; SQS holds the timer. The delay is capped at SQS's 15 minutes.
 */
public final class EscalationQueue {

    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final SqsClient sqs;
    private final String queueUrl;
    private final Duration delay;

    public EscalationQueue(SqsClient sqs, String queueUrl, Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("escalation delay must be 0–900 s, was " + delay);
        }
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.delay = delay;
    }

    /** What a message asks of the escalation function: check an alert's escalation, or page its evacuation. */
    public enum Kind {
        ESCALATION("escalation"), EVACUATION_PAGE("evacuation_page");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }
    }

    /**
     * What the escalation function receives: which alert, of whose event, and what to do. A message without
     * {@code kind} (sent before pages existed) is an escalation check.
     */
    public record Due(String tenant, String event, String alertId, Kind kind) {
        public Due(String tenant, String event, String alertId) {
            this(tenant, event, alertId, Kind.ESCALATION);
        }

        public static Due read(String body) {
            com.fasterxml.jackson.databind.JsonNode node;
            try {
                node = Json.MAPPER.readTree(body);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("unreadable escalation message", e);
            }
            String kind = node.path("kind").asText(Kind.ESCALATION.wire);
            return new Due(node.path("tenant").asText(), node.path("event").asText(), node.path("alert_id").asText(),
                    java.util.Arrays.stream(Kind.values()).filter(k -> k.wire.equals(kind)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("unknown escalation message kind " + kind)));
        }

        public String write() {
            return Json.write(Map.of("tenant", tenant, "event", event, "alert_id", alertId, "kind", kind.wire));
        }
    }

    /** An escalation check, visible when the alert's escalation delay is over. */
    public void schedule(Due due) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(due.write()).delaySeconds((int) delay.toSeconds()));
    }

    /**
     * A page now, through the same queue: the raise never waits on SNS, and a failed publish is retried by SQS
     * (and lands in the dead-letter queue after five) instead of failing the raise.
     */
    public void pageNow(Due due) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(due.write()).delaySeconds(0));
    }
}
