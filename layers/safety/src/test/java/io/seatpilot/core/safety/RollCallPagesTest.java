package io.seatpilot.core.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The roll call on Ops Live: 3 000 unaccounted guests never make a frame over API Gateway's 128 KB. */
class RollCallPagesTest {

    private static final int FRAME_LIMIT = 128 * 1024;

    @Test
    void threeThousandLongNamedGuestsArePagedUnderTheFrameLimitInOrderAndComplete() {
        // long names (the import allows them): the worst case is bytes, not guests
        List<Map<String, Object>> entries = IntStream.range(0, 3000).mapToObj(i -> new Safety.RollEntry(
                String.format("guest-%06d", i), "Maximiliane-Éléonore-" + i, "Ø.", "Table " + i / 10, "B", i % 9 == 0)
                .toData()).toList();
        List<List<Map<String, Object>>> pages = Safety.pages(entries, Safety.ROLL_CALL_PAGE_BYTES);
        assertTrue(pages.size() >= 3, "3 000 entries do not fit one frame: " + pages.size());
        List<Map<String, Object>> joined = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("evacuation_id", "0001700000000000-abcdefgh");
            data.put("roll_call", true);
            data.put("page", i + 1);
            data.put("pages", pages.size());
            data.put("per_point", Map.of("m1", 0, "m2", 0, "m3", 0));
            data.put("unaccounted_count", entries.size());
            data.put("unaccounted", pages.get(i));
            String frame = Json.write(Map.of("type", "muster", "event", "e".repeat(64), "seq", Long.MAX_VALUE,
                    "ts", Long.MAX_VALUE, "data", data));
            assertTrue(frame.getBytes(StandardCharsets.UTF_8).length < FRAME_LIMIT, "page " + (i + 1) + " too big");
            joined.addAll(pages.get(i));
        }
        assertEquals(entries, joined, "pages are consecutive slices, nothing trimmed");
    }

    @Test
    void anEmptyRollCallIsStillOnePage() {
        assertEquals(List.of(List.of()), Safety.pages(List.of(), Safety.ROLL_CALL_PAGE_BYTES));
    }

    @Test
    void pmrGuestsComeFirstThenZoneThenName() {
        var a = new Safety.RollEntry("g1", "Zoé", "M.", "B-1", "B", false);
        var b = new Safety.RollEntry("g2", "anna", "K.", "A-1", "A", false);
        var c = new Safety.RollEntry("g3", "Bo", "L.", "B-2", "B", true);
        var d = new Safety.RollEntry("g4", "Al", "N.", null, null, false);
        var e = new Safety.RollEntry("g5", "Ben", "O.", "A-2", "A", false);
        assertEquals(List.of(c, b, e, a, d), java.util.stream.Stream.of(a, b, c, d, e).sorted(Safety.RollEntry.ORDER).toList());
        assertEquals("Zoé M.", a.name());
    }
}
