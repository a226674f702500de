package io.seatpilot.core.safety;

import io.seatpilot.core.checkin.DoorCounters;
import io.seatpilot.core.checkin.StopDoor;
import io.seatpilot.core.event.EventDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Zone capacity alerts (SPEC §9) from the check-in counters, run off DataTable's stream so that check-in never
 * waits on safety. Each evaluation reads the event's counters (the sum of their shards, so a sharded counter's
 * single change is never mistaken for the total), pushes a {@code headcount} message for zones near capacity
 * (≥ 80 %, or a threshold just moved) and applies
 * {@link CapacityThresholds}. A crossing shorter than the stream's lag (in and out again before the evaluation
 * reads the counters) is not announced: by then the zone is below the line again.
 */
public final class CapacityWatch {

    /** From here on (and whenever a threshold moves) a zone's count is pushed as a {@code headcount} message. */
    static final int NEAR_PERCENT = 80;

    private final EventDirectory events;
    private final Attendance attendance;
    private final CapacityFlags thresholds;
    private final Safety safety;
    private final LiveChannel live;

    public CapacityWatch(EventDirectory events, Attendance attendance, CapacityFlags thresholds, Safety safety, LiveChannel live) {
        this.events = events;
        this.attendance = attendance;
        this.thresholds = thresholds;
        this.safety = safety;
        this.live = live;
    }

    /** Evaluates the event's zones at its first stop now; returns the alerts raised. */
    public List<Alert> evaluate(String tenant, String event) {
        return evaluate(tenant, event, null);
    }

    /**
     * Evaluates the event's zones at one stop now ({@code stopId} null: the first); returns the alerts raised. A stop
     * keeps its own counters (SPEC §16), so the reception's headcount is not the ceremony's: both the counts and the
     * fired flags are read under the stop's ledger key, and a later stop's messages and alerts name the stop. The
     * first stop's ledger is the event's own key, so an event of one stop is evaluated exactly as before stops.
     */
    public List<Alert> evaluate(String tenant, String event, String stopId) {
        Optional<EventDefinition> found = events.event(tenant, event);
        // a stop removed since its counters changed has nothing left to watch
        Optional<StopDoor> door = found.flatMap(definition -> StopDoor.named(event, definition, stopId));
        if (door.isEmpty()) {
            return List.of();
        }
        EventDefinition definition = found.get();
        String ledger = door.get().ledger();
        EventDefinition.Stop later = ledger.equals(event) ? null : door.get().stop();
        DoorCounters counters = attendance.counters(tenant, ledger);
        List<Alert> raised = new ArrayList<>();
        for (EventDefinition.Zone zone : definition.zones()) {
            if (zone.capacity() == null) {
                continue;
            }
            long count = counters.zones().getOrDefault(zone.id(), 0L);
            List<CapacityThresholds.Step> steps = CapacityThresholds.evaluate(count, zone.capacity(),
                    thresholds.state(tenant, ledger, zone.id()));
            if (!steps.isEmpty() || count * 100 >= NEAR_PERCENT * zone.capacity()) {
                // the page already counts zones from check-in messages; near capacity it also gets the authoritative
                // count, in the shape it applies ({zone, headcount}) — one message per zone, events have few zones
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("zone", zone.id());
                data.put("headcount", count);
                data.put("capacity", zone.capacity());
                if (later != null) {
                    data.put("stop", later.id());
                }
                live.push(tenant, event, "headcount", data);
            }
            raised.addAll(apply(tenant, event, ledger, door.get().stop(), later, zone, steps));
        }
        return raised;
    }

    private List<Alert> apply(String tenant, String event, String ledger, EventDefinition.Stop stop,
                              EventDefinition.Stop later, EventDefinition.Zone zone, List<CapacityThresholds.Step> steps) {
        List<Alert> raised = new ArrayList<>();
        for (CapacityThresholds.Step step : steps) {
            switch (step) {
                case CapacityThresholds.Step.Fire fire -> {
                    if (thresholds.flip(tenant, ledger, zone.id(), fire.level(), true)) {
                        boolean full = fire.level() == CapacityThresholds.Level.FULL;
                        String name = zone.letter() != null ? zone.letter() : zone.id();
                        // for the stop whose counters crossed the line, not the one in progress
                        raised.add(safety.raise(tenant, event, new AlertRequest(AlertLevel.ALERT, zone.id(),
                                "Zone " + name + " at " + (full ? "100" : "90") + "% capacity" + at(later), null,
                                full ? "high" : null).at(stop.id()), "system:capacity", "capacity"));
                    }
                }
                case CapacityThresholds.Step.Suppress suppress -> thresholds.flip(tenant, ledger, zone.id(), suppress.level(), true);
                case CapacityThresholds.Step.Rearm rearm -> thresholds.flip(tenant, ledger, zone.id(), rearm.level(), false);
            }
        }
        return raised;
    }

    /** Where a later stop's alert happens, by the stop's name (its id when unnamed); the first stop's say nothing more. */
    private static String at(EventDefinition.Stop later) {
        return later == null ? "" : " at " + later.label();
    }
}
