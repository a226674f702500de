package io.seatpilot.core.kpi;

import static io.seatpilot.core.safety.SafetyFixture.EVENT;
import static io.seatpilot.core.safety.SafetyFixture.OTHER_TENANT;
import static io.seatpilot.core.safety.SafetyFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.kpi.KpiFact.Kind;
import io.seatpilot.core.safety.ExitStatus;
import io.seatpilot.core.safety.SafetyFixture;
import io.seatpilot.core.seating.SeatOrigins;
import io.seatpilot.core.telemetry.IngestMinute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rollup over in-memory stores, from filed facts to the figures Ops Live and {@code GET …/kpis} show. Every
 * expected figure is worked out by hand in the comments from the facts below.
 */
class KpiRollupsTest {

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    /** The hour after the fixture's event started, so no-shows are counted. */
    private static final long H0 = KpiLedger.Grain.HOUR.start(SafetyFixture.T0) + 60 * MINUTE;
    private static final long NOW = H0 + 10 * MINUTE;
    /** The minute of the door's facts. */
    private static final long M2 = H0 + 2 * MINUTE;

    private final SafetyFixture safety = new SafetyFixture();
    private final InMemoryKpiLedger ledger = new InMemoryKpiLedger();
    private final List<long[]> ingestReads = new ArrayList<>();
    private final KpiRollups rollups;

    KpiRollupsTest() {
        safety.clock.advance(NOW - SafetyFixture.T0);
        IngestMinutes ingest = (tenant, from, to) -> {
            ingestReads.add(new long[] {from, to});
            // 90 accepted, 6 + 4 refused in the last five minutes: a reject ratio of 10 / 100
            return List.of(new IngestMinute(NOW - 2 * MINUTE, 50, 0, Map.of("schema", 6L)),
                    new IngestMinute(NOW - MINUTE, 40, 3, Map.of("signature", 4L)));
        };
        PlanOrigins origins = (tenant, event) -> Optional.of(new SeatOrigins(30, 10, "plan-1"));
        rollups = new KpiRollups(ledger, new EventState(safety.directory, safety.attendance, safety.exits, ingest, origins),
                safety.clock);
    }

    private static KpiFacts.Located fact(String id, Kind kind, long ts, String session, String guest) {
        return new KpiFacts.Located(TENANT, EVENT, new KpiFact(id, kind, ts, Optional.ofNullable(session), Optional.ofNullable(guest)));
    }

    /** The door's minute: five check-ins from four scans, one scanner error, five searches of which two found nobody. */
    private static List<KpiFacts.Located> doorMinute() {
        return List.of(
                fact("c1", Kind.CHECKIN_SUCCESS, M2 + 5 * SECOND, "kiosk-1", "g1"),
                fact("c2", Kind.CHECKIN_SUCCESS, M2 + 10 * SECOND, "kiosk-1", "g2"),
                fact("c3", Kind.CHECKIN_SUCCESS, M2 + 15 * SECOND, "kiosk-2", "g3"),
                // a household of two let in by one scan: two check-ins, one successful scan
                fact("h1", Kind.CHECKIN_SUCCESS, M2 + 20 * SECOND, "kiosk-2", "g4"),
                fact("h1#g5", Kind.CHECKIN_SUCCESS, M2 + 20 * SECOND, null, "g5"),
                fact("e1", Kind.CHECKIN_ERROR, M2 + 25 * SECOND, "kiosk-1", null),
                fact("s1", Kind.SEARCH_FOUND, M2 + 30 * SECOND, "kiosk-1", null),
                fact("s2", Kind.SEARCH_FOUND, M2 + 31 * SECOND, "kiosk-1", null),
                fact("s3", Kind.SEARCH_NOT_FOUND, M2 + 32 * SECOND, "kiosk-2", null),
                fact("s4", Kind.SEARCH_FOUND, M2 + 33 * SECOND, "kiosk-2", null),
                fact("s5", Kind.SEARCH_NOT_FOUND, M2 + 34 * SECOND, "kiosk-2", null));
    }

    /** Arrivals at tables: g1 after 150 s (minute 4), g2 after 180 s and g4 after 210 s (minute 5), g9 never scanned (minute 6). */
    private static List<KpiFacts.Located> arrivals() {
        return List.of(
                fact("a1", Kind.ARRIVE_TABLE, M2 + 5 * SECOND + 150 * SECOND, "table-1", "g1"),
                fact("a2", Kind.ARRIVE_TABLE, M2 + 10 * SECOND + 180 * SECOND, "table-2", "g2"),
                fact("a4", Kind.ARRIVE_TABLE, M2 + 20 * SECOND + 210 * SECOND, "table-2", "g4"),
                fact("a9", Kind.ARRIVE_TABLE, H0 + 6 * MINUTE, "table-3", "g9"));
    }

    private KpiRollups.Rolled rollUpOnlyEvent() {
        List<KpiLedger.Dirty> pending = rollups.pending();
        assertEquals(1, pending.size(), pending::toString);
        return rollups.rollUp(pending.getFirst());
    }

    @Test
    void doorToSeatScannerSuccessAndSearchNotFoundFromKnownFacts() {
        rollups.record("batch-1", doorMinute());
        rollups.record("batch-2", arrivals());
        rollups.record("batch-1", doorMinute()); // the first batch redelivered: its pages are rewritten, not added

        assertEquals(java.util.Set.of(M2, H0 + 4 * MINUTE, H0 + 5 * MINUTE, H0 + 6 * MINUTE),
                rollups.pending().getFirst().minutes());
        KpiRollups.Rolled rolled = rollUpOnlyEvent();

        assertEquals(4, rolled.minutes(), "minutes 2, 4, 5 and 6 have facts");
        KpiSummary total = rolled.total();
        assertEquals(5, total.checkins());
        assertEquals(4, total.tableArrivals(), "g9's arrival counts, unpaired");
        assertEquals(80.0, total.scannerSuccessPercent(), 1e-9, "4 successful scans ÷ (4 + 1 error)");
        assertEquals(40.0, total.searchNotFoundPercent(), 1e-9, "2 of 5 searches found nobody");
        assertEquals(3, total.doorToSeat().count(), "g1, g2, g4 walked to their tables; g9 was never scanned");
        assertEquals(180_000, total.doorToSeat().p50(), 180_000 * LatencySketch.RELATIVE_ACCURACY, "median of 150, 180, 210 s");
        assertEquals(List.of(), rollups.pending(), "rolled up: nothing is pending");

        Map<String, Object> message = rolled.message();
        assertEquals(15L, message.get("window_minutes"));
        assertEquals(5, ((Number) message.get("checkins")).intValue(), "all of it lies in the last quarter hour");
    }

    @Test
    void readSplitsTheRangeIntoStepsAndTotalsThem() {
        rollups.record("batch-1", doorMinute());
        rollups.record("batch-2", arrivals());
        rollUpOnlyEvent();

        Map<String, Object> answer = rollups.read(TENANT, EVENT, Optional.of(H0), Optional.of(H0 + 10 * MINUTE),
                Optional.of(5 * MINUTE));

        List<?> windows = (List<?>) answer.get("windows");
        assertEquals(2, windows.size());
        Map<?, ?> first = (Map<?, ?>) windows.get(0);
        Map<?, ?> second = (Map<?, ?>) windows.get(1);
        // [H0, H0+5m): the door's minute and g1's arrival; [H0+5m, H0+10m): g2's, g4's and g9's arrivals
        assertEquals(5, number(first, "checkins"));
        assertEquals(1, number(first, "table_arrivals"));
        assertEquals(0, number(second, "checkins"));
        assertEquals(3, number(second, "table_arrivals"));
        assertEquals(2, number((Map<?, ?>) second.get("door_to_seat_ms"), "count"));
        Map<?, ?> total = (Map<?, ?>) answer.get("total");
        assertEquals(80.0, ((Number) total.get("scanner_success_pct")).doubleValue(), 1e-9);
        assertEquals(40.0, ((Number) total.get("search_not_found_pct")).doubleValue(), 1e-9);
    }

    @Test
    void theEventStateCountsDoorsZonesExitsPlanAndIngest() {
        safety.attendance.checkIn(TENANT, EVENT, "g-ana").checkIn(TENANT, EVENT, "g-bruno").checkIn(TENANT, EVENT, "g-carla")
                .checkOut(TENANT, EVENT, "g-carla").headcount(TENANT, EVENT, "za", 2);
        safety.exits.set(TENANT, EVENT, "north", ExitStatus.BLOCKED, NOW - MINUTE, "user:op");
        rollups.record("batch-1", doorMinute());

        KpiRollups.Rolled rolled = rollUpOnlyEvent();

        Map<String, Object> state = rolled.state();
        assertEquals(3L, state.get("checked_in"));
        assertEquals(2L, state.get("inside"), "Carla checked out");
        assertEquals(4L, state.get("confirmed"));
        assertEquals(4L, state.get("expected"));
        assertEquals(1L, state.get("no_shows"), "Diego, confirmed, never came (Carla came and left)");
        assertEquals(List.of(Map.of("id", "za", "headcount", 2L, "capacity", 100), Map.of("id", "zb", "headcount", 0L)),
                state.get("zones"));
        assertEquals(0.5, state.get("egress_readiness"), "north blocked, south open");
        assertEquals(Map.of("auto", 30L, "manual", 10L, "plan", "plan-1", "pct", 75.0), state.get("auto_assign"));
        Map<?, ?> ingest = (Map<?, ?>) state.get("ingest_5m");
        assertEquals(90L, ingest.get("accepted"));
        assertEquals(Map.of("schema", 6L, "signature", 4L), ingest.get("rejected"));
        assertEquals(0.1, (Double) ingest.get("reject_ratio"), 1e-12);
        assertEquals(0.1, (Double) rolled.message().get("reject_ratio_5m"), 1e-12);
        assertEquals(NOW - 5 * MINUTE, ingestReads.getFirst()[0], "ingest is read over the last five minutes");
        assertEquals(NOW, ingestReads.getFirst()[1]);
    }

    @Test
    void anotherTenantsFactsNeverReachThisEventsFigures() {
        rollups.record("batch-1", doorMinute());
        rollups.record("batch-9", List.of(new KpiFacts.Located(OTHER_TENANT, EVENT,
                new KpiFact("x1", Kind.CHECKIN_ERROR, M2, Optional.of("kiosk-x"), Optional.empty()))));

        for (KpiLedger.Dirty dirty : rollups.pending()) {
            KpiSummary total = rollups.rollUp(dirty).total();
            if (dirty.tenant().equals(TENANT)) {
                assertEquals(80.0, total.scannerSuccessPercent(), 1e-9);
            } else {
                assertEquals(0.0, total.scannerSuccessPercent(), 1e-9, "its one error and no success");
                assertEquals(0, total.checkins());
            }
        }
        assertTrue(rollups.pending().isEmpty());
    }

    private static long number(Map<?, ?> map, String key) {
        return ((Number) map.get(key)).longValue();
    }
}
