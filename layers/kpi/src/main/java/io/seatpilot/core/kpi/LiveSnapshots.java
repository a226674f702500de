package io.seatpilot.core.kpi;

import io.seatpilot.core.checkin.DoorCounters;
import io.seatpilot.core.checkin.StopDoor;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.safety.Attendance;
import io.seatpilot.core.safety.EventDirectory;
import io.seatpilot.core.safety.ExitBoard;
import io.seatpilot.core.safety.Safety;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An event's Ops Live state at once (SPEC §11, the dashboard README's snapshot shape), for a client that saw a
 * gap in the event's seqs. The seq is read before anything else: every change made after it is read gets a
 * later seq, so a client that applies the messages after the snapshot's seq misses none (it may see a change
 * twice — once in the snapshot, once as a message — which only ever affects the feed and counts briefly).
 */
public final class LiveSnapshots {

    /** The feed's length on the page (FEED_LIMIT in dashboard/js/ops-state.mjs). */
    static final int RECENT = 50;
    /** The page's arrivals chart shows the last hour. */
    static final int ARRIVAL_MINUTES = 60;

    private final LiveSeq seq;
    private final Attendance attendance;
    private final DoorFeed feed;
    private final EventDirectory setup;
    private final ExitBoard exits;
    private final KpiRollups kpis;
    private final Clock clock;

    LiveSnapshots(LiveSeq seq, Attendance attendance, DoorFeed feed, EventDirectory setup, ExitBoard exits, KpiRollups kpis,
                  Clock clock) {
        this.seq = seq;
        this.attendance = attendance;
        this.feed = feed;
        this.setup = setup;
        this.exits = exits;
        this.kpis = kpis;
        this.clock = clock;
    }

    /** The snapshot message of the tenant's event, or empty when the tenant has no such event. */
    public Optional<Map<String, Object>> snapshot(String tenant, String event) {
        return snapshot(tenant, event, null);
    }

    /**
     * The snapshot of the event at one stop ({@code stopId} null: the first), or empty when the tenant has no such
     * event or the event no such stop. A stop's door keeps its own check-ins, conflicts and counters (SPEC §16), so
     * those are read under the stop's ledger key; exits and the KPIs are the event's. A stop named explicitly
     * expects only the guests invited to it; {@code data.stop} names a later stop, as its live messages do.
     */
    public Optional<Map<String, Object>> snapshot(String tenant, String event, String stopId) {
        long seq = this.seq.current(tenant, event);
        Optional<EventDefinition> definition = setup.event(tenant, event);
        Optional<StopDoor> door = definition.flatMap(d -> StopDoor.named(event, d, stopId));
        if (door.isEmpty()) {
            return Optional.empty();
        }
        String ledger = door.get().ledger();
        EventDefinition.Stop stop = door.get().stop();
        DoorCounters counters = attendance.counters(tenant, ledger);
        Map<String, Object> data = new LinkedHashMap<>();
        if (!ledger.equals(event)) {
            data.put("stop", stop.id());
        }
        List<EventDefinition.Stop> stops = definition.get().effectiveStops();
        if (stops.size() > 1) {
            // the page's stop picker: which stops there are, and when each starts (to default to the one in progress)
            data.put("stops", stops.stream().map(LiveSnapshots::stop).toList());
        }
        data.put("checked_in", counters.checkedIn());
        data.put("inside", counters.inside());
        data.put("expected", setup.guests(tenant, event).stream().filter(g -> g.rsvp() != Guest.Rsvp.DECLINED)
                .filter(g -> stopId == null || definition.get().stopsOf(g).contains(stop)).count());
        data.put("zones", definition.get().zones().stream().map(zone -> zone(zone, counters)).toList());
        // as last reported (PUT …/exits or a kiosk's report), not as set up, so a resync never reopens a blocked exit
        data.put("exits", Safety.egress(definition.get(), exits.statuses(tenant, event)).exits().stream()
                .map(LiveSnapshots::exit).toList());
        List<Map<String, Object>> checkedIn = feed.checkins(tenant, ledger);
        data.put("arrivals_per_minute", arrivalsPerMinute(checkedIn, clock.millis()));
        data.put("recent", recent(tenant, ledger, checkedIn));
        data.put("kpi", kpis.live(tenant, event));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "snapshot");
        message.put("event", event);
        message.put("seq", seq);
        message.put("ts", clock.millis());
        message.put("data", data);
        return Optional.of(message);
    }

    private static Map<String, Object> stop(EventDefinition.Stop stop) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", stop.id());
        row.put("name", stop.name());
        row.put("starts_at", stop.startsAt());
        row.values().removeIf(Objects::isNull);
        return row;
    }

    private static Map<String, Object> exit(Safety.ExitView view) {
        Map<String, Object> exit = new LinkedHashMap<>();
        exit.put("id", view.exitId());
        exit.put("name", view.name());
        exit.put("status", view.status().name());
        exit.values().removeIf(Objects::isNull);
        return exit;
    }

    private static Map<String, Object> zone(EventDefinition.Zone zone, DoorCounters counters) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", zone.id());
        row.put("name", zone.name());
        row.put("letter", zone.letter());
        row.put("color", zone.color());
        row.put("capacity", zone.capacity());
        row.put("headcount", counters.zones().getOrDefault(zone.id(), 0L));
        row.values().removeIf(Objects::isNull);
        return row;
    }

    /**
     * Door arrivals (guests checked in) per minute over the last {@link #ARRIVAL_MINUTES} minutes, oldest first,
     * every minute present (zero included) so the page's chart has no gaps to guess.
     */
    static List<Map<String, Object>> arrivalsPerMinute(List<Map<String, Object>> checkedIn, long now) {
        long minute = Duration.ofMinutes(1).toMillis();
        long last = Math.floorDiv(now, minute) * minute;
        long first = last - (ARRIVAL_MINUTES - 1) * minute;
        long[] counts = new long[ARRIVAL_MINUTES];
        for (Map<String, Object> checkin : checkedIn) {
            long at = checkin.get("checked_in_at") instanceof Number time ? time.longValue() : 0;
            if (at >= first && at < last + minute) {
                counts[(int) ((at - first) / minute)]++;
            }
        }
        List<Map<String, Object>> perMinute = new ArrayList<>(ARRIVAL_MINUTES);
        for (int i = 0; i < ARRIVAL_MINUTES; i++) {
            perMinute.add(Map.of("minute", first + i * minute, "count", counts[i]));
        }
        return perMinute;
    }

    /** The latest check-ins and conflicts, newest first, as the live messages add them to the page's feed. */
    private List<Map<String, Object>> recent(String tenant, String event, List<Map<String, Object>> checkins) {
        Stream<Map<String, Object>> checkedIn = checkins.stream().map(data -> feedItem("checkin", data));
        Stream<Map<String, Object>> conflicts = feed.conflicts(tenant, event).stream().map(data -> feedItem("conflict", data));
        return Stream.concat(checkedIn, conflicts)
                .sorted(Comparator.comparingLong((Map<String, Object> item) -> (Long) item.get("ts")).reversed())
                .limit(RECENT).toList();
    }

    /** A feed item as the page makes one from a message: {@code {kind, ts, ...data}}, dated when it happened. */
    private static Map<String, Object> feedItem(String kind, Map<String, Object> data) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("kind", kind);
        item.put("ts", data.getOrDefault("checked_in_at", 0L));
        item.putAll(data);
        return item;
    }
}
