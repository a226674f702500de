package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/events/{eventId}/checkins?guest_ids=…}: which check-in counts for each guest, how a door that
 * uploaded offline scans learns their outcome once the worker applied them (earliest scan wins).
 */
class CheckinOutcomeTest {

    @Test
    void aDoorLearnsWhetherItsUploadedScanCountedOrLostToAnEarlierOne() {
        Door door = Door.setUp("outcome");
        Tenant.Key east = door.tenant.issueKey("door-east", "kiosk");
        Tenant.Key west = door.tenant.issueKey("door-west", "kiosk");
        long now = System.currentTimeMillis();
        var first = door.checkIn(west, Door.byPass(door.passes.get("g2"), now - 60_000));
        assertEquals(201, first.status(), first.body());

        ObjectNode mine = success(door, "g1", now - 30_000);
        ObjectNode late = success(door, "g2", now - 20_000);
        var upload = door.tenant.api().signed(east.signer(), "POST", "/v1/events", Envelopes.batch(List.of(mine, late)));
        assertEquals(202, upload.status(), upload.body());

        Eventually.until(Duration.ofSeconds(20), "the worker applied both uploads", () -> door.store()
                .state(door.tenant.id(), Door.EVENT, "g1").isPresent() && door.store().conflicts(door.tenant.id(), Door.EVENT).size() == 1);
        Map<String, JsonNode> counting = counting(door, east, "g1,g2,g3");
        assertEquals(mine.get("event_id").asText(), counting.get("g1").get("checkin_id").asText(), "east's scan counts for g1");
        assertEquals("door-east", counting.get("g1").get("device_id").asText());
        assertEquals(now - 30_000, counting.get("g1").get("checked_in_at").asLong());
        assertEquals(first.json().get("checkin_id").asText(), counting.get("g2").get("checkin_id").asText(),
                "west's earlier scan counts for g2, so east's upload lost");
        assertEquals("door-west", counting.get("g2").get("device_id").asText());
        assertFalse(counting.containsKey("g3"), "a guest not checked in is absent");

        // staff read the same with their token
        var staff = door.tenant.api().withToken(door.tenant.token("staff"), "GET",
                "/v1/events/" + Door.EVENT + "/checkins?guest_ids=g1", null);
        assertEquals(200, staff.status(), staff.body());
        assertEquals(1, staff.json().get("checkins").size());
    }

    @Test
    void guestIdsAreBoundedAndTenantsDoNotSeeEachOther() {
        Door door = Door.setUp("outcome-bounds");
        Tenant.Key kiosk = door.tenant.kioskKey();
        String path = "/v1/events/" + Door.EVENT + "/checkins?guest_ids=";
        for (String ids : List.of("", "g1,,g2", "g1,g1", "bad id", IntStream.rangeClosed(0, 100).mapToObj(n -> "g" + n)
                .collect(Collectors.joining(",")))) {
            Api.Answer answer = get(door.tenant.api(), kiosk, path + ids.replace(" ", "%20"));
            assertEquals(422, answer.status(), ids + ": " + answer.body());
            assertEquals("validation_failed", answer.reason());
            assertEquals("guest_ids", answer.json().get("field").asText());
        }
        // a second key: the first spent its name-search budget (5 a second) on the refusals above
        assertEquals(200, get(door.tenant.api(), door.tenant.kioskKey(), path + IntStream.range(0, 100)
                .mapToObj(n -> "g" + n).collect(Collectors.joining(","))).status());

        Tenant other = Tenant.create("outcome-other");
        var elsewhere = get(other.api(), other.kioskKey(), path + "g1");
        assertEquals(404, elsewhere.status(), "another tenant's event is not disclosed: " + elsewhere.body());
        // once the other tenant has an event of the same id and guest ids, its kiosk reads its own check-ins only
        assertEquals(201, door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), System.currentTimeMillis())).status());
        Door twin = Door.setUp(other);
        var own = get(twin.tenant.api(), other.kioskKey(), path + "g1");
        assertEquals(200, own.status(), own.body());
        assertEquals(0, own.json().get("checkins").size(), own.body());
    }

    private static Map<String, JsonNode> counting(Door door, Tenant.Key kiosk, String ids) {
        var answer = get(door.tenant.api(), kiosk, "/v1/events/" + Door.EVENT + "/checkins?guest_ids=" + ids);
        assertEquals(200, answer.status(), answer.body());
        Map<String, JsonNode> byGuest = new HashMap<>();
        answer.json().get("checkins").forEach(c -> byGuest.put(c.get("guest_id").asText(), c));
        return byGuest;
    }

    /** A signed GET: the query string is not signed (SPEC §4), so the signature covers the path alone. */
    private static Api.Answer get(Api api, Tenant.Key kiosk, String pathAndQuery) {
        return api.signed(kiosk.signer(), "GET", pathAndQuery, "");
    }

    private static ObjectNode success(Door door, String guestId, long scannedAt) {
        ObjectNode envelope = Envelopes.envelope(door.tenant.id(), "checkin.success",
                Map.of("event", Door.EVENT, "guest_id", guestId, "mode", "qr", "scanned_at", scannedAt));
        envelope.put("ts_ms", scannedAt);
        return envelope;
    }
}
