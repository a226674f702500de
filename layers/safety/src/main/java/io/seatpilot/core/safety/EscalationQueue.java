package io.seatpilot.core.safety;

import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Schedules an alert's escalation check with SQS's per-message delay: the message becomes visible after the
 * escalation delay and the escalation function then escalates the alert unless it was acknowledged meanwhile.
 * Nothing polls or sleeps in a function; SQS holds the timer. The delay is capped at SQS's 15 minutes.
 */
public final class EscalationQueue implements Escalations {

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

    /** Visible when the alert's escalation delay is over. */
    @Override
    public void schedule(Due due) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(due.write()).delaySeconds((int) delay.toSeconds()));
    }

    /**
     * A page now, through the same queue: the raise never waits on SNS, and a failed publish is retried by SQS
     * (and lands in the dead-letter queue after five) instead of failing the raise.
     */
    @Override
    public void pageNow(Due due) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(due.write()).delaySeconds(0));
    }
}
