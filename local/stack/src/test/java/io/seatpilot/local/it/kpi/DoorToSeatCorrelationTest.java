package io.seatpilot.local.it.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.kpi.LatencySketch;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code correlation.door_to_seat_id} through the whole pipeline (signed ingest, the worker, the stream, the facts
 * function, the rollup): a check-in and a table arrival that share neither a guest id nor a session pair only
 * because their envelopes carry the same id.
 */
class DoorToSeatCorrelationTest {

    private static final long MINUTE = 60_000;
    private static final long WALK_MS = 25_000;

    @Test
    void aCheckinAndAnArrivalWithNoGuestOrSessionInCommonPairThroughTheirDoorToSeatId() {
        LocalStack stack = SharedStack.get();
        Tenant tenant = Tenant.create("d2s");
        String event = "d2s-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = tenant.api().withToken(tenant.adminToken(), "PUT", "/v1/events/" + event,
                Map.of("name", "Walk", "kind", "gala", "timezone", "UTC"));
        assertTrue(created.status() == 200 || created.status() == 201, created::toString);
        long base = (System.currentTimeMillis() / MINUTE - 3) * MINUTE;
        String correlation = UUID.randomUUID().toString();

        // the door's kiosk and the table's screen: different sessions, and neither names the guest
        ObjectNode checkin = fact(tenant, "checkin.success", "door-" + UUID.randomUUID(), base + 5_000,
                Map.of("event", event, "mode", "qr", "table_id", "t1"), correlation);
        ObjectNode arrival = fact(tenant, "wayfinding.arrive_table", "table-" + UUID.randomUUID(), base + 5_000 + WALK_MS,
                Map.of("event", event, "table_id", "t1", "confirm_mode", "tap"), correlation);
        // the same walk without the id: no guest, no shared session, so no pair (an arrival is still counted)
        ObjectNode uncorrelatedCheckin = fact(tenant, "checkin.success", "door-" + UUID.randomUUID(), base + 6_000,
                Map.of("event", event, "mode", "qr", "table_id", "t1"), null);
        ObjectNode uncorrelatedArrival = fact(tenant, "wayfinding.arrive_table", "table-" + UUID.randomUUID(), base + 40_000,
                Map.of("event", event, "table_id", "t1", "confirm_mode", "tap"), null);
        Api.Answer sent = tenant.api().signed(tenant.kioskKey().signer(), "POST", "/v1/events",
                Envelopes.batch(List.of(checkin, arrival, uncorrelatedCheckin, uncorrelatedArrival)));
        assertEquals(202, sent.status(), sent.body());

        JsonNode total = Eventually.await(Duration.ofSeconds(60), () -> {
            stack.triggerSchedule("KpiRollupFunction");
            return tenant.api().withToken(tenant.token("ops"), "GET", "/v1/events/" + event + "/kpis?from=" + (base - MINUTE)
                    + "&to=" + (base + 5 * MINUTE), null).json().path("total");
        }, t -> t.path("table_arrivals").asLong() == 2 && t.path("checkins").asLong() == 2);

        JsonNode walks = total.get("door_to_seat_ms");
        assertEquals(1, walks.get("count").asLong(), total::toString);
        assertEquals(WALK_MS, walks.get("p50").asLong(), WALK_MS * LatencySketch.RELATIVE_ACCURACY + 0.5);
    }

    private static ObjectNode fact(Tenant tenant, String name, String session, long ts, Map<String, Object> payload, String doorToSeatId) {
        ObjectNode envelope = Envelopes.envelope(tenant.id(), name, payload);
        envelope.put("session_id", session);
        envelope.put("ts_ms", ts);
        if (doorToSeatId != null) {
            envelope.set("correlation", Json.tree(Map.of("door_to_seat_id", doorToSeatId)));
        }
        return envelope;
    }
}
