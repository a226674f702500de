package io.seatpilot.core.kpi;

import static io.seatpilot.core.safety.SafetyFixture.EVENT;
import static io.seatpilot.core.safety.SafetyFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.checkin.StopDoor;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.safety.ExitStatus;
import io.seatpilot.core.safety.SafetyFixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ops Live's opening picture over in-memory stores. */
class LiveSnapshotsTest {

    private static final String RECEPTION = StopDoor.laterStopLedger(EVENT, "reception");

    private final SafetyFixture safety = new SafetyFixture();
    private final long now = safety.clock.millis();

    private final DoorFeed feed = new DoorFeed() {
        @Override
        public List<Map<String, Object>> checkins(String tenant, String event) {
            if (event.equals(RECEPTION)) {
                return List.of(Map.of("guest_id", "g-carla", "checked_in_at", now - 5_000));
            }
            return List.of(Map.of("guest_id", "g-ana", "checked_in_at", now - 120_000),
                    Map.of("guest_id", "g-bruno", "checked_in_at", now - 30_000));
        }

        @Override
        public List<Map<String, Object>> conflicts(String tenant, String event) {
            return event.equals(RECEPTION) ? List.of() : List.of(Map.of("guest_id", "g-ana", "reason", "duplicate", "checked_in_at", now - 60_000));
        }
    };

    private final LiveSnapshots snapshots = new LiveSnapshots((tenant, event) -> 41, safety.attendance, feed,
            safety.directory, safety.exits, new KpiRollups(new InMemoryKpiLedger(), new EventState(safety.directory,
            safety.attendance, safety.exits, (tenant, from, to) -> List.of(), (tenant, event) -> Optional.empty()),
            safety.clock), safety.clock);

    @Test
    void theSnapshotCarriesTheSeqCountsReportedExitsArrivalsAndTheFeedNewestFirst() {
        safety.attendance.checkIn(TENANT, EVENT, "g-ana").checkIn(TENANT, EVENT, "g-bruno").headcount(TENANT, EVENT, "za", 2);
        safety.exits.set(TENANT, EVENT, "south", ExitStatus.BLOCKED, now - 10_000, "user:op");

        Map<String, Object> message = snapshots.snapshot(TENANT, EVENT).orElseThrow();

        assertEquals(41L, message.get("seq"));
        Map<?, ?> data = (Map<?, ?>) message.get("data");
        assertEquals(2L, data.get("checked_in"));
        assertEquals(4L, data.get("expected"));
        assertEquals(List.of(Map.of("id", "north", "name", "North", "status", "OPEN"),
                Map.of("id", "south", "name", "South", "status", "BLOCKED")), data.get("exits"),
                "as last reported, so a resync never reopens a blocked exit");
        List<?> arrivals = (List<?>) data.get("arrivals_per_minute");
        assertEquals(2L, arrivals.stream().mapToLong(m -> (Long) ((Map<?, ?>) m).get("count")).sum());
        List<?> recent = (List<?>) data.get("recent");
        assertEquals(List.of("checkin", "conflict", "checkin"), recent.stream().map(i -> ((Map<?, ?>) i).get("kind")).toList());
        assertEquals("g-bruno", ((Map<?, ?>) recent.getFirst()).get("guest_id"));
        assertTrue(data.containsKey("kpi"));
    }

    @Test
    void aStopsSnapshotCountsAndFeedsThatStopsCheckinsAndNamesIt() {
        EventDefinition d = SafetyFixture.DEFINITION;
        safety.directory.event(TENANT, EVENT, new EventDefinition(d.name(), d.kind(), d.startsAt(), d.timezone(), d.zones(),
                d.exits(), d.musterPoints(), null, null, List.of(new EventDefinition.Stop("ceremony", "Ceremony", null, null, null),
                new EventDefinition.Stop("reception", "Reception", null, null, null)), null, null));
        safety.attendance.checkIn(TENANT, EVENT, "g-ana").checkIn(TENANT, EVENT, "g-bruno").checkIn(TENANT, RECEPTION, "g-carla");

        Map<?, ?> reception = (Map<?, ?>) snapshots.snapshot(TENANT, EVENT, "reception").orElseThrow().get("data");
        assertEquals("reception", reception.get("stop"));
        assertEquals(List.of(Map.of("id", "ceremony", "name", "Ceremony"), Map.of("id", "reception", "name", "Reception")),
                reception.get("stops"), "the page's stop picker");
        assertEquals(1L, reception.get("checked_in"));
        assertEquals(List.of("g-carla"), ((List<?>) reception.get("recent")).stream().map(i -> ((Map<?, ?>) i).get("guest_id")).toList());

        Map<?, ?> first = (Map<?, ?>) snapshots.snapshot(TENANT, EVENT).orElseThrow().get("data");
        assertFalse(first.containsKey("stop"), "the first stop's snapshot is as before stops");
        assertEquals(2L, first.get("checked_in"));
        assertEquals(first.get("checked_in"), ((Map<?, ?>) snapshots.snapshot(TENANT, EVENT, "ceremony").orElseThrow().get("data"))
                .get("checked_in"));
        assertTrue(snapshots.snapshot(TENANT, EVENT, "no-such-stop").isEmpty());
    }

    @Test
    void noSnapshotOfAnEventTheTenantDoesNotHave() {
        assertTrue(snapshots.snapshot(TENANT, "no-such-event").isEmpty());
    }
}
