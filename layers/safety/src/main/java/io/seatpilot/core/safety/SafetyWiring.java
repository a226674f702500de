package io.seatpilot.core.safety;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.checkin.CheckinStore;
import io.seatpilot.core.checkin.DoorCounters;
import io.seatpilot.core.checkin.DoorWiring;
import io.seatpilot.core.checkin.EventContext;
import io.seatpilot.core.checkin.EventContexts;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.incident.IncidentStore;
import io.seatpilot.core.incident.Incidents;
import io.seatpilot.core.live.Publisher;
import io.seatpilot.core.paging.OnCall;
import io.seatpilot.core.store.Items;
import io.seatpilot.core.telemetry.TelemetryWiring;
import io.seatpilot.core.wiring.Lazy;
import io.seatpilot.core.wiring.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The safety slice of a function: alerts and their escalation, exits, muster, capacity, incidents, pushing through
 * the function's one {@link Publisher}. The rules ({@link Safety}, {@link CapacityWatch}) see the other slices' stores
 * only through the small interfaces they declare; the adapters here are the one place those stores are named.
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
        return new Safety(eventDirectory(door.event().eventSetupStore()), placements(door.eventContexts()),
                attendance(door.checkinStore()), new AlertStore(platform.dynamo(), platform.table()),
                new ExitStore(platform.dynamo(), platform.table()),
                new MusterStore(platform.dynamo(), platform.table()), auditTrail(platform.auditLog()),
                new EscalationQueue(TelemetryWiring.sqs(platform), platform.env().require("ESCALATION_QUEUE_URL"), delay),
                LiveChannel.of(publisher()), OnCall.forStage(platform)::page, platform.clock());
    }

    /** The capacity watch: the live publisher runs it, and raises its alerts through {@link #safety()}. */
    public CapacityWatch capacityWatch() {
        return new CapacityWatch(eventDirectory(door.event().eventSetupStore()), attendance(door.checkinStore()),
                new CapacityStore(platform.dynamo(), platform.table()), safety(), LiveChannel.of(publisher()));
    }

    public Incidents incidents() {
        return incidents(platform, door.event().eventSetupStore());
    }

    /** Incidents for a function that reads them without the rest of safety (the KPI read). */
    public static Incidents incidents(Platform platform, EventSetupStore events) {
        return new Incidents(new IncidentStore(platform.dynamo(), platform.table()), auditTrail(platform.auditLog()),
                eventDirectory(events));
    }

    /** The event's set-up as safety and the KPIs read it. */
    public static EventDirectory eventDirectory(EventSetupStore store) {
        return new EventDirectory() {
            @Override
            public Optional<EventDefinition> event(String tenant, String event) {
                return store.event(tenant, event);
            }

            @Override
            public Optional<Guest> guest(String tenant, String event, String guestId) {
                return store.guest(tenant, event, guestId);
            }

            @Override
            public List<Guest> guests(String tenant, String event) {
                return store.guests(tenant, event);
            }
        };
    }

    /** The door's counters and check-in items, read as who came in and who is out now. */
    public static Attendance attendance(CheckinStore store) {
        return new Attendance() {
            @Override
            public DoorCounters counters(String tenant, String event) {
                return store.counters(tenant, event);
            }

            @Override
            public List<CheckedIn> checkedIn(String tenant, String event) {
                // a check-in item's sort key is the guest; "out_id" is set while the guest is checked out
                return store.checkins(tenant, event).stream().map(item -> new CheckedIn(
                        Items.string(item, "sk").orElseThrow(), item.containsKey("out_id"))).toList();
            }
        };
    }

    private static Placements placements(EventContexts contexts) {
        return new Placements() {
            @Override
            public EventContext current(String tenant, String event) {
                return contexts.require(tenant, event);
            }

            @Override
            public EventContext fresh(String tenant, String event) {
                return contexts.fresh(tenant, event);
            }
        };
    }

    private static AuditTrail auditTrail(AuditLog log) {
        return new AuditTrail() {
            @Override
            public boolean append(String tenant, AuditLog.Entry entry) {
                return log.append(tenant, entry);
            }

            @Override
            public AuditLog.Page page(String tenant, String event, long from, long to, int limit, Optional<String> after) {
                return log.page(tenant, event, from, to, limit, after);
            }
        };
    }
}
