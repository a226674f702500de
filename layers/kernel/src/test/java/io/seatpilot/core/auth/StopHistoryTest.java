package io.seatpilot.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which stop a kiosk was set to when it scanned (SPEC §16): the lookup its offline uploads are applied by. */
class StopHistoryTest {

    private static final long ISSUED = 1_780_000_000_000L;
    private static final long TO_RECEPTION = ISSUED + 3_600_000;
    private static final long BACK_TO_NONE = TO_RECEPTION + 600_000;

    /** Issued at the ceremony, moved to the reception an hour later, then set to no stop. */
    private final StopHistory kiosk = StopHistory.startingAt("ceremony", ISSUED)
            .then("reception", TO_RECEPTION).then(null, BACK_TO_NONE);

    @Test
    void beforeTheFirstChange_theKioskIsTakenToBeWhereItWasFirstKnown() {
        assertEquals("ceremony", kiosk.stopAt(ISSUED - 1));
        assertEquals("ceremony", kiosk.stopAt(0));
    }

    @Test
    void betweenChanges_theEarlierChangeHolds() {
        assertEquals("ceremony", kiosk.stopAt(ISSUED + 1));
        assertEquals("ceremony", kiosk.stopAt(TO_RECEPTION - 1));
        assertEquals("reception", kiosk.stopAt(TO_RECEPTION + 1));
        assertEquals("reception", kiosk.stopAt(BACK_TO_NONE - 1));
        assertNull(kiosk.stopAt(BACK_TO_NONE + 1), "no stop: each event's first");
    }

    @Test
    void atTheVeryMillisecondOfAChange_theNewStopHolds() {
        assertEquals("ceremony", kiosk.stopAt(ISSUED));
        assertEquals("reception", kiosk.stopAt(TO_RECEPTION));
        assertNull(kiosk.stopAt(BACK_TO_NONE));
    }

    @Test
    void settingTheSameStopAgain_changesNothing_andAClockBehindKeepsTheOrder() {
        assertSame(kiosk, kiosk.then(null, BACK_TO_NONE + 5));
        var moved = kiosk.then("ceremony", BACK_TO_NONE - 10);
        assertEquals(new StopHistory.Change("ceremony", BACK_TO_NONE), moved.changes().getLast());
        assertEquals("ceremony", moved.stopAt(BACK_TO_NONE));
    }

    @Test
    void onlyTheLastTwentyChangesAreKept_andTheOldestKeptStandsForWhatCameBefore() {
        StopHistory history = StopHistory.startingAt("s0", 0);
        for (int i = 1; i <= 30; i++) {
            history = history.then("s" + i, i * 1_000L);
        }
        assertEquals(StopHistory.MAX_CHANGES, history.changes().size());
        assertEquals(new StopHistory.Change("s11", 11_000), history.changes().getFirst());
        assertEquals("s11", history.stopAt(500), "older than anything kept");
        assertEquals("s20", history.stopAt(20_500));
        assertEquals("s30", history.stopAt(99_000));
    }
}
