package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Check-out and re-entry (SPEC §17) through the gateway: a guest who steps out leaves the zone's headcount and is
 * let back in by their next scan — a re-entry, 201 with {@code "reentry": true}, never a 409 — while counting as
 * checked in once.
 */
class CheckoutTest {

    @Test
    void leavingAndReenteringThreeTimesLeavesOneGuestInside() {
        Door door = Door.setUp("checkout");
        // two doors share the scans: SPEC §14 allows each key 10 check-in calls per 10 s
        Tenant.Key in = door.tenant.issueKey("door-in", "kiosk");
        Tenant.Key out = door.tenant.issueKey("door-out", "kiosk");
        var first = door.checkIn(in, Door.byPass(door.passes.get("g1"), System.currentTimeMillis()));
        assertEquals(201, first.status(), first.body());
        assertFalse(first.json().has("reentry"), first.body());

        for (int round = 0; round < 3; round++) {
            var left = checkOut(door, out, Map.of("pass", door.passes.get("g1")));
            assertEquals(201, left.status(), left.body());
            assertEquals("out", left.json().get("status").asText());
            assertEquals("g1", left.json().get("guest_id").asText());
            var counters = door.counters();
            assertEquals(1, counters.checkedIn());
            assertEquals(0, counters.inside());
            assertEquals(Map.of(), counters.zones(), "a guest who stepped out is in no zone's headcount");

            var back = door.checkIn(in, Door.byPass(door.passes.get("g1"), System.currentTimeMillis()));
            assertEquals(201, back.status(), back.body());
            assertTrue(back.json().get("reentry").asBoolean(), back.body());
            assertEquals("B-12", back.json().get("table_label").asText());
        }
        var counters = door.counters();
        assertEquals(1, counters.checkedIn());
        assertEquals(1, counters.inside());
        assertEquals(Map.of("zb", 1L), counters.zones());
    }

    @Test
    void aRetriedCheckoutIsRepeatedAndOtherCheckoutsOfAGuestWhoIsOutOrNeverCameAre409() {
        Door door = Door.setUp("checkout-refusals");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        var never = checkOut(door, kiosk, Map.of("guest_id", "g2"));
        assertEquals(409, never.status(), never.body());
        assertEquals("not_checked_in", never.reason());

        var in = door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), System.currentTimeMillis()));
        assertEquals(201, in.status(), in.body());
        Map<String, Object> body = body(Map.of("guest_id", "g1"));
        var left = door.tenant.api().signed(kiosk.signer(), "POST", path(), Json.write(body));
        var again = door.tenant.api().signed(kiosk.signer(), "POST", path(), Json.write(body));
        assertEquals(201, left.status(), left.body());
        assertEquals(200, again.status(), again.body());
        assertEquals(left.json(), again.json());

        var other = checkOut(door, kiosk, Map.of("guest_id", "g1"));
        assertEquals(409, other.status(), other.body());
        assertEquals("already_checked_out", other.reason());
        assertEquals(1, door.counters().checkedIn());
        assertEquals(0, door.counters().inside());
    }

    @Test
    void staffCheckOutWithTheirTokenAndABadBodyIs422() {
        Door door = Door.setUp("checkout-staff");
        String staff = door.tenant.token("staff");
        var in = door.tenant.api().withToken(staff, "POST", "/v1/events/" + Door.EVENT + "/checkins",
                Map.of("checkin_id", UUID.randomUUID().toString(), "guest_id", "g2", "mode", "name",
                        "scanned_at", System.currentTimeMillis()));
        assertEquals(201, in.status(), in.body());
        var left = door.tenant.api().withToken(staff, "POST", path(), body(Map.of("guest_id", "g2")));
        assertEquals(201, left.status(), left.body());
        var noId = door.tenant.api().withToken(staff, "POST", path(), Map.of("guest_id", "g2", "scanned_at", 1L));
        assertEquals(422, noId.status(), noId.body());
        assertEquals("checkout_id", noId.json().get("field").asText());
        var viewer = door.tenant.api().withToken(door.tenant.token("viewer"), "POST", path(), body(Map.of("guest_id", "g2")));
        assertEquals(403, viewer.status(), viewer.body());
    }

    static Api.Answer checkOut(Door door, Tenant.Key kiosk, Map<String, Object> identity) {
        return door.tenant.api().signed(kiosk.signer(), "POST", path(), Json.write(body(identity)));
    }

    static Map<String, Object> body(Map<String, Object> identity) {
        Map<String, Object> body = new HashMap<>(identity);
        body.put("checkout_id", UUID.randomUUID().toString());
        body.put("scanned_at", System.currentTimeMillis());
        return body;
    }

    private static String path() {
        return "/v1/events/" + Door.EVENT + "/checkouts";
    }
}
