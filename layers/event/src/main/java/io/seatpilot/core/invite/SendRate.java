package io.seatpilot.core.invite;

import io.seatpilot.core.ratelimit.RateLimitStore;
import java.time.Clock;

/**
 * The provider's send rate (SES's "maximum send rate" per account and region, SNS's SMS rate), shared by every
 * sender instance: one DynamoDB counter per second ({@code T#~sender#RATE#<channel>#<second>}, conditional
 * {@code ADD}, the same counter the request rate limits use), taken before each message. A full second waits for
 * the next one, so a burst of 3 000 queued invitations leaves at the configured rate however many instances the
 * queue wakes. {@code ~sender} can be no tenant's id (tenant ids are A-Z a-z 0-9 _ -), so no tenant's counter is touched.
 */
public final class SendRate {

    static final String SUBJECT = "~sender";
    private static final long SECOND = 1_000;

    private final RateLimitStore counters;
    private final Clock clock;
    private final int perSecond;

    public SendRate(RateLimitStore counters, Clock clock, int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("A send rate is at least one message per second");
        }
        this.counters = counters;
        this.clock = clock;
        this.perSecond = perSecond;
    }

    public int perSecond() {
        return perSecond;
    }

    /** Waits until this second (or a later one) has room for one more message of {@code channel}. */
    public void acquire(Channel channel) {
        while (true) {
            long now = clock.millis();
            long window = now - now % SECOND;
            if (counters.take(SUBJECT, "send-" + channel.wire(), window, 1, perSecond, window / SECOND + 60)) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, window + SECOND - clock.millis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the send rate", e);
            }
        }
    }
}
