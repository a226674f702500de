package io.seatpilot.local.it.seating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC §14: the planner's wishes are stored in one item, so lists within their count bounds that would still not
 * fit DynamoDB's 400 KB are refused with 413, never a 500, and the stored wishes stay as they were.
 */
class SeatingBoundsTest {

    @Test
    void wishesThatWouldNotFitTheirItemAreRefusedAndTheStoredOnesStay() {
        Tenant tenant = Tenant.create("seating-bounds");
        SeatingEvent event = SeatingEvent.of(tenant, SeatingEvent.singles(2, 10, 20));
        String path = "/v1/events/" + event.id() + "/seating/relations";
        Api.Answer small = tenant.api().withToken(event.planner(), "PUT", path,
                Map.of("relations", List.of(Map.of("a", "g1", "b", "g2", "weight", 5))));
        assertEquals(200, small.status(), small.body());
        List<Map<String, Object>> relations = new ArrayList<>();
        List<List<String>> apart = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            relations.add(Map.of("a", "g" + (1 + i % 20), "b", "g" + (1 + (i + 1) % 20), "weight", 1_000_000 + i));
            apart.add(List.of("g" + (1 + i % 20), "g" + (1 + (i + 3) % 20)));
        }
        Api.Answer big = tenant.api().withToken(event.planner(), "PUT", path, Map.of("relations", relations, "must_apart", apart));
        assertEquals(413, big.status(), big.body());
        assertEquals("payload_too_large", big.reason());
        Api.Answer solved = tenant.api().withToken(event.planner(), "POST", "/v1/events/" + event.id() + "/seating/solve",
                Map.of("time_limit_ms", 500));
        assertEquals(200, solved.status(), solved.body());
        assertEquals(solved.json().get("assignments").get("g1"), solved.json().get("assignments").get("g2"),
                "the small wishes stored before still hold");
    }
}
