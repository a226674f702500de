package io.seatpilot.eventsetup;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.event.EventWiring;
import io.seatpilot.core.paging.OnCall;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.invite.Invitations;
import io.seatpilot.core.invite.Reminders;
import io.seatpilot.core.observability.Logs;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Reminders on a schedule (SPEC §16): every few minutes, the reminder rounds that came due (72 h and 2 h before
 * an event's first stop) are taken, each by one run only, and queued for the guests whose invitation was sent,
 * once per guest and round. A round that fails to queue is put back, so the next run tries it again.
 *
 * <p>EventBridge's scheduled event is taken as a plain map, of which nothing is read: as a {@code ScheduledEvent}
 * the runtime would parse its {@code time} with joda-time, which the deployable jar carries only a stub of
 * (functions/shrink.pro).
 */
public final class ReminderHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderHandler.class);

    private final Reminders reminders;
    private final Invitations invitations;
    private final Clock clock;

    public ReminderHandler() {
        this(System.getenv());
    }

    public ReminderHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        EventWiring event = new EventWiring(platform);
        this.reminders = event.reminders();
        this.invitations = event.invitations(event.eventSetup(OnCall.forStage(platform)));
        this.clock = platform.clock();
        Priming.register(platform.hooks(), new ReminderPrimer(platform.env()));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            int rounds = 0;
            int queued = 0;
            for (Reminders.Due due : reminders.due(clock.millis())) {
                if (!reminders.take(due)) {
                    continue;
                }
                Logs.tenant(due.tenant());
                Logs.eventId(due.event());
                try {
                    queued += invitations.remind(due, clock.millis()).queued();
                    rounds++;
                    LOG.info("reminder round {} ({}) queued", due.round(), due.channel().wire());
                } catch (RuntimeException e) {
                    reminders.putBack(due);
                    LOG.error("reminder round {} failed; put back for the next run", due.round(), e);
                } finally {
                    Logs.clear();
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("rounds", rounds);
            result.put("queued", queued);
            return result;
        });
    }
}
