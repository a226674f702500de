package io.seatpilot.local.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC §14 on the admin routes: whatever a token or a path carries answers a 4xx, never a 5xx. */
class AdminBoundsTest {

    private static Tenant tenant;

    @BeforeAll
    static void setUp() {
        tenant = Tenant.create("admin-bounds");
    }

    @Test
    void aTokenNamingMoreThanAHundredEventsIsRefusedAndAHundredAreServed() {
        List<String> hundred = IntStream.range(0, 100).mapToObj(i -> "event-" + i).toList();
        String atBound = tenant.stack().issueToken(tenant.id(), List.of("admin"), hundred);
        Api.Answer served = tenant.api().withToken(atBound, "GET", "/v1/ingest/quarantine", null);
        assertEquals(200, served.status(), served.body());

        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "event-" + i).toList();
        String overBound = tenant.stack().issueToken(tenant.id(), List.of("admin"), tooMany);
        Api.Answer refused = tenant.api().withToken(overBound, "GET", "/v1/ingest/quarantine", null);
        assertEquals(401, refused.status(), refused.body());
        assertEquals("unauthorized", refused.reason());
    }

    @Test
    void anyKeyIdOrDeviceIdInTheRevocationPathAnswersNotFound() {
        Tenant.Key key = tenant.issueKey("door-bounds", "kiosk");
        List<String> paths = List.of(
                "/v1/devices/door-bounds/keys/" + "k".repeat(3000),
                "/v1/devices/door-bounds/keys/" + "%F0%9F%98%80".repeat(600),
                "/v1/devices/door-bounds/keys/a%23KEY",
                "/v1/devices/door-bounds/keys/%00",
                "/v1/devices/door-bounds/keys/" + key.keyId() + "%20",
                "/v1/devices/" + "d".repeat(3000) + "/keys/" + key.keyId(),
                "/v1/devices/d%23x/keys/" + key.keyId());
        for (String path : paths) {
            Api.Answer answer = tenant.api().withToken(tenant.adminToken(), "DELETE", path, null);
            assertEquals(404, answer.status(), path.substring(0, Math.min(80, path.length())) + " → " + answer.body());
            assertEquals("not_found", answer.reason());
        }
        assertEquals(204, tenant.api().withToken(tenant.adminToken(), "DELETE",
                "/v1/devices/door-bounds/keys/" + key.keyId(), null).status());
    }
}
