package io.seatpilot.core.safety;

import static io.seatpilot.core.safety.SafetyFixture.EVENT;
import static io.seatpilot.core.safety.SafetyFixture.T0;
import static io.seatpilot.core.safety.SafetyFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.seatpilot.core.checkin.StopDoor;
import io.seatpilot.core.event.EventDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Zone A holds 100: its headcount crossing 90 % and 100 % up and down, over in-memory stores. */
class CapacityWatchTest {

    private final SafetyFixture f = new SafetyFixture();

    private List<String> at(long headcount) {
        f.attendance.headcount(TENANT, EVENT, "za", headcount);
        f.clock.advance(1_000);
        return f.capacityWatch.evaluate(TENANT, EVENT).stream().map(Alert::message).toList();
    }

    @Test
    void eachThresholdAlertsOncePerCrossingAndAgainOnlyAfterTheZoneDroppedClearlyBelowIt() {
        assertEquals(List.of(), at(89));
        assertEquals(List.of("Zone A at 90% capacity"), at(90));
        assertEquals(List.of(), at(90), "still at 90: already announced");
        assertEquals(List.of(), at(89));
        assertEquals(List.of(), at(90), "one in, one out at the line is not a new crossing");
        assertEquals(List.of("Zone A at 100% capacity"), at(100));
        assertEquals(List.of(), at(96));
        assertEquals(List.of(), at(94), "below 95: the 100 % alert re-arms, the 90 % one stays quiet");
        assertEquals(List.of("Zone A at 100% capacity"), at(100));
        assertEquals(List.of(), at(80), "below 85: both re-arm");
        assertEquals(List.of("Zone A at 90% capacity"), at(90));

        List<Alert> stored = f.alerts.all(TENANT, EVENT);
        assertEquals(4, stored.size());
        assertEquals(List.of("capacity"), stored.stream().map(Alert::source).distinct().toList());
        assertEquals(List.of("high", "high"), stored.stream().filter(a -> a.severity() != null).map(Alert::severity).toList());
    }

    @Test
    void aJumpPastFullRaisesOnlyTheHighAlertAndHeadcountsArePushedNearCapacityOnly() {
        assertEquals(List.of(), at(50));
        assertEquals(List.of(), f.live.ofType("headcount"), "a zone far from capacity is not pushed");
        assertEquals(List.of("Zone A at 100% capacity"), at(120));
        assertEquals(List.of(), at(91), "the 90 % alert was passed over, not owed");

        List<RecordingLive.Pushed> headcounts = f.live.ofType("headcount");
        assertEquals(2, headcounts.size());
        assertEquals(120L, headcounts.getFirst().data().get("headcount"));
        assertEquals("za", headcounts.getFirst().data().get("zone"));
        assertFalse(headcounts.getFirst().data().containsKey("stop"), "the first stop's messages are as before stops");
    }

    @Test
    void aLaterStopIsWatchedOnItsOwnCountersAndFlagsAndItsAlertsNameIt() {
        f.withStops(new EventDefinition.Stop("ceremony", "Ceremony", null, null, null),
                new EventDefinition.Stop("reception", "Reception", null, null, null));
        String reception = StopDoor.laterStopLedger(EVENT, "reception");
        f.attendance.headcount(TENANT, EVENT, "za", 95);
        assertEquals(List.of("Zone A at 90% capacity"), messages(f.capacityWatch.evaluate(TENANT, EVENT, "ceremony")));

        f.attendance.headcount(TENANT, reception, "za", 40);
        assertEquals(List.of(), messages(f.capacityWatch.evaluate(TENANT, EVENT, "reception")),
                "the ceremony's 95 are not the reception's headcount");
        f.attendance.headcount(TENANT, reception, "za", 92);
        assertEquals(List.of("Zone A at 90% capacity at Reception"), messages(f.capacityWatch.evaluate(TENANT, EVENT, "reception")),
                "the ceremony's fired 90 % flag is not the reception's");
        assertEquals(List.of(), messages(f.capacityWatch.evaluate(TENANT, EVENT, "reception")));

        RecordingLive.Pushed last = f.live.ofType("headcount").getLast();
        assertEquals(Map.of("zone", "za", "headcount", 92L, "capacity", 100, "stop", "reception"), last.data());
        assertEquals(List.of(), messages(f.capacityWatch.evaluate(TENANT, EVENT, "gone")), "a stop the event no longer has");
    }

    @Test
    void aStopsCapacityAlertIsForThatStopWhicheverStopIsInProgress() {
        // the reception is in progress, but the ceremony's counters are the ones over the line
        f.withStops(new EventDefinition.Stop("ceremony", "Ceremony", T0 - 7_200_000, null, null),
                new EventDefinition.Stop("reception", "Reception", T0 - 3_600_000, null, null));
        f.attendance.headcount(TENANT, EVENT, "za", 95);
        f.attendance.headcount(TENANT, StopDoor.laterStopLedger(EVENT, "reception"), "za", 100);

        Alert ceremony = f.capacityWatch.evaluate(TENANT, EVENT, "ceremony").getFirst();
        Alert reception = f.capacityWatch.evaluate(TENANT, EVENT, "reception").getFirst();

        assertEquals(null, ceremony.stop(), "the first stop's alert names no stop, as before stops");
        assertFalse(f.live.ofType("alert").getFirst().data().containsKey("stop"));
        assertEquals("reception", reception.stop());
        assertEquals("reception", f.live.ofType("alert").getLast().data().get("stop"));
    }

    private static List<String> messages(List<Alert> alerts) {
        return alerts.stream().map(Alert::message).toList();
    }
}
