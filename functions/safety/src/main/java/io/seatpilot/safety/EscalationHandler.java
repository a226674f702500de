package io.seatpilot.safety;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.snapstart.SnapStartHooks;
import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.event.EventWiring;
import io.seatpilot.core.checkin.DoorWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.seatpilot.core.aws.SqsBatchItems;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.observability.Logs;
import io.seatpilot.core.safety.EscalationQueue;
import io.seatpilot.core.safety.Safety;
import io.seatpilot.core.safety.SafetyWiring;
import java.time.Clock;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalation checks (SPEC §9): each message becomes visible when its alert's 60 s are over (SQS per-message
 * delay) and escalates the alert once unless it was acknowledged — paging the event's on-call channel; an EVAC's
 * page message arrives at once and pages it. Only failed messages are reported back.
 */
public final class EscalationHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationHandler.class);

    private final Predicate<EscalationQueue.Due> escalate;

    public EscalationHandler() {
        this(System.getenv());
    }

    public EscalationHandler(Map<String, String> environment) {
        Safety safety = new SafetyWiring(new DoorWiring(new EventWiring(new Platform(new Env(environment), Clock.systemUTC())))).safety();
        this.escalate = safety::escalate;
        Priming.register(SnapStartHooks.of(new Env(environment)), new EscalationPrimer(new Env(environment)));
    }

    /** With another escalation step (unit tests make it fail). */
    EscalationHandler(Predicate<EscalationQueue.Due> escalate) {
        this.escalate = escalate;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatchItems.process(event, context, LOG, record -> {
            EscalationQueue.Due due = EscalationQueue.Due.read(record.getBody());
            Logs.tenant(due.tenant());
            Logs.eventId(due.event());
            boolean done = escalate.test(due);
            LOG.info("{} of alert {}: {}", due.kind() == EscalationQueue.Kind.EVACUATION_PAGE ? "evacuation page" : "escalation check",
                    due.alertId(), done ? "done" : "nothing to do (not due, or done before)");
        });
    }
}
