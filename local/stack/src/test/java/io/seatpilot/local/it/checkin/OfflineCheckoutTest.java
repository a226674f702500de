package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Offline check-outs and re-entries uploaded through ingest (SPEC §17): the worker applies the door's rules, and
 * presence follows the guest's scans in scan-time order whatever order the uploads arrive in.
 */
class OfflineCheckoutTest {

    private static final Duration WORKER = Duration.ofSeconds(20);

    @Test
    void anUploadedCheckoutAndReentryLeaveTheGuestInsideOnce() {
        Door door = Door.setUp("offline-out");
        Tenant.Key kiosk = door.tenant.issueKey("door-h", "kiosk");
        long now = System.currentTimeMillis();
        ObjectNode in = entry(door, "g1", now - 300_000);
        ObjectNode out = checkout(door, "g1", now - 200_000);
        ObjectNode back = entry(door, "g1", now - 100_000);
        upload(door, kiosk, List.of(in, out, back));

        var state = Eventually.await(WORKER, () -> door.store().state(door.tenant.id(), Door.EVENT, "g1"),
                s -> s.isPresent() && back.get("event_id").asText().equals(s.get().reentryId())).orElseThrow();
        assertFalse(state.isOut());
        assertEquals(in.get("event_id").asText(), state.checkinId());
        var counters = door.counters();
        assertEquals(1, counters.checkedIn());
        assertEquals(1, counters.inside());
        assertEquals(Map.of("zb", 1L), counters.zones());
        assertEquals(List.of(), door.store().conflicts(door.tenant.id(), Door.EVENT), "a re-entry is not a conflict");
    }

    @Test
    void aCheckoutScannedBeforeALaterEntryButUploadedAfterItDoesNotPutTheGuestOut() {
        Door door = Door.setUp("offline-out-order");
        Tenant.Key early = door.tenant.issueKey("door-i", "kiosk");
        Tenant.Key late = door.tenant.issueKey("door-j", "kiosk");
        long now = System.currentTimeMillis();
        upload(door, early, List.of(entry(door, "g1", now - 300_000)));
        Eventually.until(WORKER, "checked in", () -> door.counters().checkedIn() == 1);
        // the guest stepped out at -200 s and came back at -100 s; the re-entry's kiosk uploads first
        upload(door, early, List.of(entry(door, "g1", now - 100_000)));
        Eventually.until(WORKER, "latest entry recorded", () -> door.store().state(door.tenant.id(), Door.EVENT, "g1")
                .orElseThrow().enteredAt() == now - 100_000);
        // one message, in order: once g2 counts, the older check-out was decided
        upload(door, late, List.of(checkout(door, "g1", now - 200_000), entry(door, "g2", now - 150_000)));
        Eventually.until(WORKER, "g2 checked in", () -> door.counters().checkedIn() == 2);
        assertFalse(door.store().state(door.tenant.id(), Door.EVENT, "g1").orElseThrow().isOut());
        assertEquals(2, door.counters().inside());
        assertEquals(Map.of("za", 1L, "zb", 1L), door.counters().zones());

        ObjectNode leaving = checkout(door, "g1", now - 50_000);
        upload(door, late, List.of(leaving));
        var state = Eventually.await(WORKER, () -> door.store().state(door.tenant.id(), Door.EVENT, "g1").orElseThrow(),
                s -> s.isOut());
        assertEquals(leaving.get("event_id").asText(), state.exit().checkoutId());
        assertEquals(now - 50_000, state.exit().at());
        var counters = door.counters();
        assertEquals(2, counters.checkedIn());
        assertEquals(1, counters.inside());
        assertEquals(Map.of("za", 1L), counters.zones());
    }

    private static ObjectNode entry(Door door, String guestId, long scannedAt) {
        ObjectNode envelope = Envelopes.envelope(door.tenant.id(), "checkin.success",
                Map.of("event", Door.EVENT, "guest_id", guestId, "mode", "name", "scanned_at", scannedAt));
        envelope.put("ts_ms", scannedAt);
        return envelope;
    }

    private static ObjectNode checkout(Door door, String guestId, long scannedAt) {
        ObjectNode envelope = Envelopes.envelope(door.tenant.id(), "checkin.checkout",
                Map.of("event", Door.EVENT, "guest_id", guestId, "scanned_at", scannedAt));
        envelope.put("ts_ms", scannedAt);
        return envelope;
    }

    private static void upload(Door door, Tenant.Key kiosk, List<ObjectNode> envelopes) {
        var answer = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(envelopes));
        assertEquals(202, answer.status(), answer.body());
    }
}
