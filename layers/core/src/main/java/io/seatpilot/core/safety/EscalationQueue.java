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

    /** What the escalation function receives: which alert to check, of whose event. */
    public record Due(String tenant, String event, String alertId) {
        public static Due read(String body) {
            com.fasterxml.jackson.databind.JsonNode node;
            try {
                node = Json.MAPPER.readTree(body);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("unreadable escalation message", e);
            }
            return new Due(node.path("tenant").asText(), node.path("event").asText(), node.path("alert_id").asText());
        }
    }

    public void schedule(Due due) {
        String body = Json.write(Map.of("tenant", due.tenant(), "event", due.event(), "alert_id", due.alertId()));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).delaySeconds((int) delay.toSeconds()));
    }
}
