package io.seatpilot.core.safety;

import io.seatpilot.core.live.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where safety pushes its Ops Live messages ({@code alert}, {@code alert_ack}, {@code exit}, {@code muster},
 * {@code headcount}). A failed push never undoes or fails the safety action that caused it: the action is stored
 * first, the escalation pushes an unacknowledged alert again, and a page that missed a seq resynchronises.
 */
@FunctionalInterface
public interface LiveChannel {

    /** @return false when the message could not be published at all (the caller decides whether to retry) */
    boolean push(String tenant, String event, String type, Object data);

    /** Pushes through the Ops Live publisher (per-event seq, 410 cleanup), logging instead of throwing. */
    static LiveChannel of(Publisher publisher) {
        Logger log = LoggerFactory.getLogger(LiveChannel.class);
        return (tenant, event, type, data) -> {
            try {
                Publisher.Published published = publisher.publish(tenant, event, type, data);
                log.info("pushed {} seq {} to {} connections ({} gone, {} failed)", type, published.seq(),
                        published.delivered(), published.gone(), published.failed());
                return true;
            } catch (RuntimeException e) {
                log.warn("push of {} failed: {}", type, e.toString());
                return false;
            }
        };
    }
}
