package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §14 for {@code PUT /v1/events/{eventId}}: the whole definition is one DynamoDB item, so every string and
 * list in it is bounded and an oversized one is refused with its field (or 413), never a 5xx.
 */
class EventDefinitionBoundsTest {

    private static Tenant tenant;

    @BeforeAll
    static void setUp() {
        tenant = Tenant.create("event-bounds");
    }

    private static Api.Answer put(String eventId, Map<String, Object> definition) {
        return tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + eventId, definition);
    }

    private static Map<String, Object> event(String listName, List<Map<String, Object>> items) {
        return Map.of("name", "Gala", "kind", "gala", listName, items);
    }

    private static void assertRefused(Api.Answer answer, int status, String reason, String field) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(reason, answer.reason());
        assertEquals(field, answer.json().path("field").asText(null), answer.body());
    }

    @Test
    void aNameLongerThanItsBoundIsRefusedWithItsField() {
        assertRefused(put("bounds-zone", event("zones", List.of(
                Map.of("id", "za", "name", "N".repeat(101), "letter", "A", "color", "green")))), 422, "validation_failed", "zones.name");
        assertRefused(put("bounds-exit", event("exits", List.of(Map.of("id", "x1", "name", "É".repeat(101))))),
                422, "validation_failed", "exits.name");
        assertRefused(put("bounds-muster", event("muster_points", List.of(Map.of("id", "m1", "name", "Lawn\u0000")))),
                422, "validation_failed", "muster_points.name");
        assertRefused(put("bounds-muster-zone", event("muster_points", List.of(Map.of("id", "m1", "zone", "z".repeat(5000))))),
                422, "validation_failed", "muster_points.zone");
        assertRefused(put("bounds-capacity", event("zones", List.of(
                Map.of("id", "za", "letter", "A", "color", "green", "capacity", 2_000_000)))), 422, "validation_failed", "zones.capacity");
    }

    @Test
    void listsLongerThanTheirBoundAreRefusedWithTheirField() {
        List<Map<String, Object>> exits = IntStream.range(0, 101)
                .mapToObj(i -> Map.<String, Object>of("id", "x" + i, "name", "Exit " + i)).toList();
        assertRefused(put("bounds-exits", event("exits", exits)), 413, "payload_too_large", "exits");
        List<Map<String, Object>> points = IntStream.range(0, 101).mapToObj(i -> Map.<String, Object>of("id", "m" + i)).toList();
        assertRefused(put("bounds-points", event("muster_points", points)), 413, "payload_too_large", "muster_points");
    }

    @Test
    void aNameTooLargeForTheItemIsRefusedBeforeTheBodyIsRead() {
        Api.Answer answer = put("bounds-body", event("zones", List.of(
                Map.of("id", "za", "name", "N".repeat(450_000), "letter", "A", "color", "green"))));
        assertEquals(413, answer.status(), answer.body());
        assertEquals("payload_too_large", answer.reason());
    }

    @Test
    void aDefinitionAtEveryBoundIsStored() {
        List<Map<String, Object>> exits = IntStream.range(0, 100)
                .mapToObj(i -> Map.<String, Object>of("id", "x" + i + "-" + "i".repeat(100), "name", "É".repeat(100))).toList();
        List<Map<String, Object>> points = IntStream.range(0, 100)
                .mapToObj(i -> Map.<String, Object>of("id", "m" + i, "name", "😀".repeat(50), "zone", "z".repeat(128))).toList();
        Api.Answer stored = put("bounds-full", Map.of("name", "G".repeat(200), "kind", "gala", "exits", exits, "muster_points", points));
        assertEquals(201, stored.status(), stored.body());
    }
}
