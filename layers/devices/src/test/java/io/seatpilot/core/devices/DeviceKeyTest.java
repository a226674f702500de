package io.seatpilot.core.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.core.auth.Role;
import io.seatpilot.core.auth.StopHistory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where a key's device stood (SPEC §16), as the record says and as the device it verifies as carries it. */
class DeviceKeyTest {

    private static final long ISSUED = 1_780_000_000_000L;
    private static final long TO_RECEPTION = ISSUED + 3_600_000;

    @Test
    void aKeyStoredBeforeHistories_hasStoodAtItsStopSinceItWasIssued() {
        var old = new DeviceKey("acme", "acme.k", "door-1", Role.KIOSK, Set.of("gala"), ISSUED, null, null, "ceremony", null);
        assertEquals("ceremony", old.stopAt(ISSUED - 5));
        assertEquals(List.of(new StopHistory.Change("ceremony", ISSUED), new StopHistory.Change("reception", TO_RECEPTION)),
                old.history().then("reception", TO_RECEPTION).changes());
        assertEquals("ceremony", old.principal().stopAt(ISSUED - 5), "its device too");
    }

    @Test
    void theDeviceAKeyVerifiesAs_answersTheStopOfAnyTime_asTheRecordDoes() {
        var moved = new DeviceKey("acme", "acme.k", "door-1", Role.KIOSK, Set.of("gala"), ISSUED, null, null, "reception",
                StopHistory.startingAt("ceremony", ISSUED).then("reception", TO_RECEPTION));
        var device = moved.principal();
        for (long time : new long[] {ISSUED - 1, ISSUED, TO_RECEPTION - 1, TO_RECEPTION, TO_RECEPTION + 1}) {
            assertEquals(moved.stopAt(time), device.stopAt(time), "at " + time);
        }
        assertEquals("ceremony", device.stopAt(TO_RECEPTION - 1));
        assertEquals("reception", device.stopAt(TO_RECEPTION));
    }
}
