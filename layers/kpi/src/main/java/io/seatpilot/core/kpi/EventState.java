package io.seatpilot.core.kpi;

import io.seatpilot.core.checkin.DoorCounters;
import io.seatpilot.core.checkin.StopDoor;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.safety.Attendance;
import io.seatpilot.core.safety.EventDirectory;
import io.seatpilot.core.safety.ExitBoard;
import io.seatpilot.core.safety.Safety;
import io.seatpilot.core.telemetry.IngestMinute;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The KPIs of SPEC §10 that are a state rather than a flow of facts, read when the rollup runs: checked in against
 * confirmed and expected, no-shows once the event has started, headcount per zone against capacity, egress
 * readiness, % auto-assign of the plan check-in uses, and the tenant's ingest over the last five minutes (accepted,
 * rejected per reason, reject ratio).
 *
 * <p>An event with several stops (SPEC §16) checks guests in once per stop: the figures above are its first stop's,
 * as Ops Live's (whose check-in messages are the first stop's), and {@code stops} gives each stop's own headcount —
 * checked in, inside now, and invited — so ops see the reception fill while the ceremony's count stays put.
 */
final class EventState {

    static final Duration INGEST_WINDOW = Duration.ofMinutes(5);

    private final EventDirectory setup;
    private final Attendance attendance;
    private final ExitBoard exits;
    private final IngestMinutes ingestStats;
    private final PlanOrigins plans;

    EventState(EventDirectory setup, Attendance attendance, ExitBoard exits, IngestMinutes ingestStats, PlanOrigins plans) {
        this.setup = setup;
        this.attendance = attendance;
        this.exits = exits;
        this.ingestStats = ingestStats;
        this.plans = plans;
    }

    /** Empty when the tenant has no such event (facts may name an event nobody set up). */
    Map<String, Object> read(String tenant, String event, long now) {
        Map<String, Object> state = new LinkedHashMap<>();
        setup.event(tenant, event).ifPresent(definition -> {
            DoorCounters counters = attendance.counters(tenant, event);
            List<Guest> guests = setup.guests(tenant, event);
            state.put("checked_in", counters.checkedIn());
            state.put("inside", counters.inside());
            state.put("confirmed", guests.stream().filter(g -> g.rsvp() == Guest.Rsvp.CONFIRMED).count());
            state.put("expected", guests.stream().filter(g -> g.rsvp() != Guest.Rsvp.DECLINED).count());
            if (definition.startsAt() != null && now >= definition.startsAt()) {
                Set<String> in = attendance.checkedIn(tenant, event).stream()
                        .map(Attendance.CheckedIn::guestId).collect(Collectors.toSet());
                state.put("no_shows", guests.stream().filter(g -> g.rsvp() == Guest.Rsvp.CONFIRMED && !in.contains(g.id())).count());
            }
            state.put("zones", definition.zones().stream().map(zone -> zone(zone, counters)).toList());
            if (definition.effectiveStops().size() > 1) {
                state.put("stops", definition.effectiveStops().stream().map(stop -> stop(tenant, event, definition, stop, guests)).toList());
            }
            if (!definition.exits().isEmpty()) {
                state.put("egress_readiness", Safety.egress(definition, exits.statuses(tenant, event)).readiness());
            }
            // from what the assign API recorded about the plan itself, not from devices' telemetry
            plans.of(tenant, event).ifPresent(origins -> {
                Map<String, Object> auto = new LinkedHashMap<>();
                auto.put("auto", origins.auto());
                auto.put("manual", origins.manual());
                auto.put("plan", origins.plan());
                auto.put("pct", origins.percent());
                state.put("auto_assign", auto);
            });
        });
        state.put("ingest_5m", ingest(tenant, now));
        return state;
    }

    private Map<String, Object> stop(String tenant, String event, EventDefinition definition, EventDefinition.Stop stop,
                                     List<Guest> guests) {
        DoorCounters counters = attendance.counters(tenant, StopDoor.of(event, definition, stop).ledger());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("stop_id", stop.id());
        row.put("name", stop.name());
        row.put("checked_in", counters.checkedIn());
        row.put("inside", counters.inside());
        row.put("invited", guests.stream().filter(g -> g.rsvp() != Guest.Rsvp.DECLINED)
                .filter(g -> definition.stopsOf(g).contains(stop)).count());
        return row;
    }

    private static Map<String, Object> zone(EventDefinition.Zone zone, DoorCounters counters) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", zone.id());
        row.put("headcount", counters.zones().getOrDefault(zone.id(), 0L));
        if (zone.capacity() != null) {
            row.put("capacity", zone.capacity());
        }
        return row;
    }

    /** Only the tenant's ingest over the last five minutes: for readers that hold the event's counts already. */
    Map<String, Object> ingestOnly(String tenant, long now) {
        return Map.of("ingest_5m", ingest(tenant, now));
    }

    private Map<String, Object> ingest(String tenant, long now) {
        long accepted = 0;
        Map<String, Long> rejected = new TreeMap<>();
        for (IngestMinute minute : ingestStats.read(tenant, now - INGEST_WINDOW.toMillis(), now)) {
            accepted += minute.accepted();
            minute.rejected().forEach((reason, n) -> rejected.merge(reason, n, Long::sum));
        }
        long refused = rejected.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("accepted", accepted);
        ingest.put("rejected", rejected);
        if (accepted + refused > 0) {
            ingest.put("reject_ratio", (double) refused / (accepted + refused));
        }
        return ingest;
    }
}
