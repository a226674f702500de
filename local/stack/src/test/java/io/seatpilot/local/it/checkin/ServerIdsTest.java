package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.telemetry.EventStore;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SPEC §14: the raw events the server writes for online check-ins, undos and arrivals live where no telemetry
 * event_id can land, so a kiosk that uploads an envelope under the id the server will use later pre-empts nothing.
 */
class ServerIdsTest {

    private static final Duration WORKER = Duration.ofSeconds(20);

    @Test
    void anUploadUnderTheIdOfALaterArrivalDoesNotBreakThatArrival() {
        Door door = Door.setUp("ids-arrival");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        uploadUnder(door, kiosk, v3("arrive", door.tenant.id(), Door.EVENT, "g2"));
        long now = System.currentTimeMillis();
        assertEquals(201, door.checkIn(kiosk, Door.byPass(door.passes.get("g2"), now - 30_000)).status());
        var arrival = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + Door.EVENT + "/arrivals",
                Json.write(Map.of("guest_id", "g2", "table_id", "t1", "confirm_mode", "tap", "arrived_at", now)));
        assertEquals(201, arrival.status(), arrival.body());
        assertEquals(1, door.counters().arrived());
    }

    @Test
    void anUploadUnderTheIdOfALaterUndoDoesNotTurnThatUndoIntoARepeat() {
        Door door = Door.setUp("ids-undo");
        Tenant.Key kiosk = door.tenant.issueKey("door-b", "kiosk");
        var checkin = door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), System.currentTimeMillis()));
        assertEquals(201, checkin.status(), checkin.body());
        String checkinId = checkin.json().get("checkin_id").asText();
        uploadUnder(door, kiosk, v3("undo", checkinId));
        var undo = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + Door.EVENT + "/checkins/" + checkinId + "/undo", "");
        assertEquals(201, undo.status(), undo.body());
        assertEquals(0, door.counters().checkedIn(), "the undo took effect");
        assertTrue(door.store().state(door.tenant.id(), Door.EVENT, "g1").isEmpty());
    }

    @Test
    void anUploadUnderTheIdOfALaterOnlineCheckinDoesNotRefuseThatCheckin() {
        Door door = Door.setUp("ids-checkin");
        Tenant.Key kiosk = door.tenant.issueKey("door-c", "kiosk");
        String checkinId = UUID.randomUUID().toString();
        uploadUnder(door, kiosk, checkinId);
        var body = Door.byPass(door.passes.get("g1"), System.currentTimeMillis());
        body.put("checkin_id", checkinId);
        var checkin = door.checkIn(kiosk, body);
        assertEquals(201, checkin.status(), checkin.body());
        assertEquals(1, door.counters().checkedIn());
    }

    private static String v3(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A harmless scan telemetry envelope under {@code eventId}, uploaded and waited for until the worker stored it. */
    private static void uploadUnder(Door door, Tenant.Key kiosk, String eventId) {
        ObjectNode envelope = Envelopes.scanStart(door.tenant.id());
        envelope.put("event_id", eventId);
        var answer = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(List.of(envelope)));
        assertEquals(202, answer.status(), answer.body());
        var raw = new EventStore(door.tenant.stack().awsClients().dynamoDb(), door.tenant.stack().tableName("DataTable"));
        Eventually.await(WORKER, () -> raw.find(door.tenant.id(), eventId).isPresent(), stored -> stored);
    }
}
