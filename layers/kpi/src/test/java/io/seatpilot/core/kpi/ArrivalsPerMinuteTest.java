package io.seatpilot.core.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArrivalsPerMinuteTest {

    private static final long MINUTE = 60_000;
    private static final long NOW = 1_795_400_000_000L - 1_795_400_000_000L % MINUTE + 30_000;

    private static Map<String, Object> checkedInAt(long at) {
        return Map.of("guest_id", "g-" + at, "checked_in_at", at);
    }

    @Test
    void theLastHourMinuteByMinuteWithEmptyMinutesAsZeroAndNothingOlderOrLater() {
        long currentMinute = NOW - 30_000;
        List<Map<String, Object>> perMinute = LiveSnapshots.arrivalsPerMinute(List.of(
                checkedInAt(NOW), checkedInAt(currentMinute), checkedInAt(currentMinute - 1),
                checkedInAt(currentMinute - 59 * MINUTE), checkedInAt(currentMinute - 59 * MINUTE - 1),
                checkedInAt(currentMinute + MINUTE), Map.of("guest_id", "g-undated")), NOW);

        assertEquals(60, perMinute.size());
        assertEquals(Map.of("minute", currentMinute - 59 * MINUTE, "count", 1L), perMinute.getFirst());
        assertEquals(Map.of("minute", currentMinute - MINUTE, "count", 1L), perMinute.get(58));
        assertEquals(Map.of("minute", currentMinute, "count", 2L), perMinute.getLast());
        assertEquals(4, perMinute.stream().mapToLong(m -> (Long) m.get("count")).sum(),
                "one check-in older than the hour, one in a future minute and one without a time are left out");
    }
}
