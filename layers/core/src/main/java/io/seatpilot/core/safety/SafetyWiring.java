package io.seatpilot.core.safety;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.Services;
import io.seatpilot.core.aws.AwsClients;
import io.seatpilot.core.live.Publisher;
import java.time.Duration;

/**
 * Builds {@link Safety} from a function's environment. Kept out of {@link Services} because it needs the
 * {@code @connections} client, an optional dependency of the core that only pushing functions carry.
 *
 * <p>Environment: {@code ESCALATION_QUEUE_URL}, {@code CONNECTIONS_ENDPOINT}, and {@code ESCALATE_AFTER_SECONDS}
 * (default 60, SPEC §9; the template sets it from a parameter so tests can shorten it); {@code ONCALL_TOPIC_ARN}
 * only where pages are sent (the escalation function).
 */
public final class SafetyWiring {

    public static final Duration DEFAULT_ESCALATION = Duration.ofSeconds(60);

    private SafetyWiring() {
    }

    public static Safety safety(Services services) {
        return parts(services, Publisher.forStage(services.env(), services.dynamo(), services.table(), services.clock())).safety();
    }

    /**
     * The capacity watch and the safety it raises alerts through, pushing with the caller's publisher: the live
     * publisher runs the watch, and one {@code @connections} client per function is enough.
     */
    public static CapacityWatch capacityWatch(Services services, Publisher publisher) {
        Parts parts = parts(services, publisher);
        return new CapacityWatch(services.eventSetupStore(), services.checkinStore(),
                new CapacityStore(services.dynamo(), services.table()), parts.safety(), parts.live());
    }

    private record Parts(Safety safety, LiveChannel live) {
    }

    private static Parts parts(Services services, Publisher publisher) {
        var env = services.env();
        AwsClients clients = new AwsClients(env);
        Duration delay = env.optional("ESCALATE_AFTER_SECONDS").map(s -> Duration.ofSeconds(Long.parseLong(s)))
                .orElse(DEFAULT_ESCALATION);
        LiveChannel live = LiveChannel.of(publisher);
        return new Parts(new Safety(services.eventSetupStore(), services.eventContexts(), services.checkinStore(),
                new AlertStore(services.dynamo(), services.table()), new ExitStore(services.dynamo(), services.table()),
                new MusterStore(services.dynamo(), services.table()), new AuditLog(services.dynamo(), services.table()),
                new EscalationQueue(clients.sqs(), env.require("ESCALATION_QUEUE_URL"), delay),
                live, services.onCall(), services.clock()), live);
    }
}
