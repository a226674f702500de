package io.seatpilot.core.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.seatpilot.core.incident.Incident;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentTimesTest {

    private static Incident incident(String id, Long opened, Long acked, Long resolved) {
        return new Incident(id, opened, acked, resolved, "medical", null, null, null, null, null, null, null, null);
    }

    @Test
    void percentilesAreNearestRankOverTheIncidentsThatReachedTheStep() {
        var times = IncidentTimes.of(List.of(
                incident("a", 0L, 40_000L, 100_000L),
                incident("b", 0L, 10_000L, null),
                incident("c", 0L, 20_000L, 300_000L),
                incident("d", 0L, null, null),
                // acknowledged before anyone reported its opening: counted, not timed
                incident("e", null, 5_000L, null)));
        assertEquals(5, times.incidents());
        assertEquals(1, times.open());
        assertEquals(2, times.acknowledged(), "acknowledged and not resolved yet");
        assertEquals(2, times.resolved());
        assertEquals(20_000L, times.ttaP50());
        assertEquals(40_000L, times.ttaP95());
        assertEquals(100_000L, times.ttrP50());
        assertEquals(300_000L, times.ttrP95());
    }

    @Test
    void noIncidentsHaveNoTimes() {
        var times = IncidentTimes.of(List.of());
        assertEquals(0, times.incidents());
        assertNull(times.ttaP50());
        assertNull(times.ttrP95());
    }

    @Test
    void anAcknowledgementReportedWithAnEarlierClockThanTheOpeningIsZeroNotNegative() {
        assertEquals(0L, incident("x", 10_000L, 9_000L, null).timeToAcknowledge());
    }
}
