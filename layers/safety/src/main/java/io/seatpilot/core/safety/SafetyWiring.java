package io.seatpilot.core.safety;

import io.seatpilot.core.checkin.DoorWiring;
import io.seatpilot.core.incident.IncidentStore;
import io.seatpilot.core.incident.Incidents;
import io.seatpilot.core.live.Publisher;
import io.seatpilot.core.paging.OnCall;
import io.seatpilot.core.telemetry.TelemetryWiring;
import io.seatpilot.core.wiring.Lazy;
import io.seatpilot.core.wiring.Platform;
import java.time.Duration;

/**
 * The safety slice of a function: alerts and their escalation, exits, muster, capacity, incidents, pushing through
 * the function's one {@link Publisher}.
 *
 * <p>Environment: {@code ESCALATION_QUEUE_URL}, {@code CONNECTIONS_ENDPOINT}, and {@code ESCALATE_AFTER_SECONDS}
 * (default 60, SPEC §9; the template sets it from a parameter so tests can shorten it); {@code ONCALL_TOPIC_ARN}
 * only where pages are sent (the escalation function).
 */
public final class SafetyWiring {

    public static final Duration DEFAULT_ESCALATION = Duration.ofSeconds(60);

    private final Platform platform;
    private final DoorWiring door;
    private final Lazy<Publisher> publisher;

    public SafetyWiring(DoorWiring door) {
        this.door = door;
        this.platform = door.event().platform();
        this.publisher = new Lazy<>(() -> Publisher.forStage(platform));
    }

    public DoorWiring door() {
        return door;
    }

    public Publisher publisher() {
        return publisher.get();
    }

    public Safety safety() {
        Duration delay = platform.env().optional("ESCALATE_AFTER_SECONDS").map(s -> Duration.ofSeconds(Long.parseLong(s)))
                .orElse(DEFAULT_ESCALATION);
        return new Safety(door.event().eventSetupStore(), door.eventContexts(), door.checkinStore(),
                new AlertStore(platform.dynamo(), platform.table()), new ExitStore(platform.dynamo(), platform.table()),
                new MusterStore(platform.dynamo(), platform.table()), platform.auditLog(),
                new EscalationQueue(TelemetryWiring.sqs(platform), platform.env().require("ESCALATION_QUEUE_URL"), delay),
                LiveChannel.of(publisher()), OnCall.forStage(platform), platform.clock());
    }

    /** The capacity watch: the live publisher runs it, and raises its alerts through {@link #safety()}. */
    public CapacityWatch capacityWatch() {
        return new CapacityWatch(door.event().eventSetupStore(), door.checkinStore(),
                new CapacityStore(platform.dynamo(), platform.table()), safety(), LiveChannel.of(publisher()));
    }

    public Incidents incidents() {
        return new Incidents(new IncidentStore(platform.dynamo(), platform.table()), platform.auditLog(),
                door.event().eventSetupStore());
    }
}
