package io.seatpilot.core.safety;

import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.TableLayout;
import java.util.List;
import java.util.Set;

/**
 * {@link Safety} and {@link CapacityWatch} over in-memory stores, with one event of tenant {@link #TENANT}: zone A
 * (capacity 100) and zone B, exits north and south, one muster point, four guests — Ana (table 1, zone A), Bruno
 * (pmr, table 2, zone B), Carla (no table) and Diego (table 1) — and the same event id in another tenant.
 */
public final class SafetyFixture {

    public static final String TENANT = "t-one";
    public static final String OTHER_TENANT = "t-two";
    public static final String EVENT = "gala-2026";
    public static final long T0 = 1_795_400_000_000L;

    public static final EventDefinition DEFINITION = new EventDefinition("Gala", "gala", T0, "Europe/Madrid",
            List.of(new EventDefinition.Zone("za", "Hall", "A", "#0a0", 100), new EventDefinition.Zone("zb", "Garden", "B", "#00a", null)),
            List.of(new EventDefinition.Exit("north", "North", "OPEN"), new EventDefinition.Exit("south", "South", null)),
            List.of(new EventDefinition.MusterPoint("car-park", "Car park", null)));

    public final ManualClock clock = new ManualClock(T0);
    public final InMemoryEventDirectory directory = new InMemoryEventDirectory();
    public final InMemoryAttendance attendance = new InMemoryAttendance();
    public final InMemoryAlertLedger alerts = new InMemoryAlertLedger();
    public final InMemoryExitBoard exits = new InMemoryExitBoard();
    public final InMemoryMusterRoll musters = new InMemoryMusterRoll();
    public final InMemoryCapacityFlags capacity = new InMemoryCapacityFlags();
    public final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    public final RecordingEscalations escalations = new RecordingEscalations();
    public final RecordingPager pager = new RecordingPager();
    public final RecordingLive live = new RecordingLive();
    public final Safety safety = new Safety(directory, directory, attendance, alerts, exits, musters, audit, escalations,
            live, pager, clock);
    public final CapacityWatch capacityWatch = new CapacityWatch(directory, attendance, capacity, safety, live);

    public SafetyFixture() {
        directory.event(TENANT, EVENT, DEFINITION).event(OTHER_TENANT, EVENT, DEFINITION)
                .table(TENANT, EVENT, new TableLayout("t1", "1", "za", 8, "round", Set.of(), null, null, List.of()))
                .table(TENANT, EVENT, new TableLayout("t2", "2", "zb", 8, "round", Set.of(), null, null, List.of()))
                .guest(TENANT, EVENT, guest("g-ana", "Ana", "López", Set.of(), "t1"))
                .guest(TENANT, EVENT, guest("g-bruno", "Bruno", "Díaz", Set.of("pmr"), "t2"))
                .guest(TENANT, EVENT, guest("g-carla", "Carla", "Ruiz", Set.of(), null))
                .guest(TENANT, EVENT, guest("g-diego", "Diego", "Sanz", Set.of(), "t1"));
    }

    /** Gives the tenant's event these stops (the rest of its set-up as {@link #DEFINITION}). */
    public SafetyFixture withStops(EventDefinition.Stop... stops) {
        EventDefinition d = DEFINITION;
        directory.event(TENANT, EVENT, new EventDefinition(d.name(), d.kind(), d.startsAt(), d.timezone(), d.zones(),
                d.exits(), d.musterPoints(), null, null, List.of(stops), null, null));
        return this;
    }

    private static Guest guest(String id, String first, String last, Set<String> tags, String table) {
        return new Guest(id, first, last, null, tags, Guest.Rsvp.CONFIRMED, null, null, table, null);
    }
}
