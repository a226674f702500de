package io.seatpilot.local.it.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.observability.SloMetrics;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.SocketClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live publisher over the real template on the local stack: check-ins through the API reach subscribed
 * sockets through DataTable's stream and @connections, in the event's seq order, and the snapshot is where a
 * page that missed one starts again.
 */
class LivePublisherTest {

    private static LocalStack stack;

    private Tenant tenant;
    private String event;
    private String staff;
    private Tenant.Key kiosk;

    @BeforeAll
    static void stack() {
        stack = SharedStack.get();
    }

    @BeforeEach
    void event() {
        tenant = Tenant.create("pub");
        event = setUpEvent(tenant);
        staff = tenant.token("staff");
        kiosk = tenant.kioskKey();
    }

    /** An event with a zone of capacity 100, an exit, a table in the zone, three guests who come and one who declined. */
    private static String setUpEvent(Tenant owner) {
        String id = "gala-" + UUID.randomUUID().toString().substring(0, 8);
        put(owner, "/v1/events/" + id, Map.of("name", "Winter Gala", "kind", "gala", "timezone", "Europe/Madrid",
                "zones", List.of(Map.of("id", "za", "name", "Garden", "letter", "A", "color", "#2E8B57", "capacity", 100)),
                "exits", List.of(Map.of("id", "x1", "name", "North", "status", "OPEN"))));
        put(owner, "/v1/events/" + id + "/tables", Map.of("tables", List.of(
                Map.of("id", "t1", "label", "A-1", "zone", "za", "capacity", 8, "shape", "round"))));
        put(owner, "/v1/events/" + id + "/guests", Map.of("guests", List.of(
                guest("g1", "confirmed"), guest("g2", "confirmed"), guest("g4", "confirmed"), guest("g3", "declined"))));
        return id;
    }

    private static Map<String, Object> guest(String id, String rsvp) {
        return Map.of("id", id, "first_name", "Guest", "last_name", id.toUpperCase(), "rsvp", rsvp, "table_id", "t1");
    }

    private static void put(Tenant owner, String path, Object body) {
        var answer = owner.api().withToken(owner.adminToken(), "PUT", path, body);
        assertTrue(answer.status() == 200 || answer.status() == 201, answer::toString);
    }

    private Api.Answer checkIn(String guestId, long scannedAt) {
        return tenant.api().withToken(staff, "POST", "/v1/events/" + event + "/checkins", Map.of(
                "checkin_id", UUID.randomUUID().toString(), "guest_id", guestId, "mode", "name", "scanned_at", scannedAt));
    }

    /**
     * A scan a kiosk made offline and uploads later. Online, a second scan only answers 409 at the door; an
     * offline one is decided by the worker and kept as a conflict (SPEC §7), which is what Ops Live shows.
     */
    private void uploadOfflineScan(String guestId, long scannedAt) {
        ObjectNode envelope = Envelopes.envelope(tenant.id(), "checkin.success",
                Map.of("event", event, "guest_id", guestId, "mode", "qr", "scanned_at", scannedAt));
        envelope.put("ts_ms", scannedAt);
        var answer = tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(List.of(envelope)));
        assertEquals(202, answer.status(), answer.body());
    }

    private static SocketClient subscribed(String token, String eventId) {
        SocketClient client = SocketClient.connect(URI.create(stack.wsEndpoint() + "/?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        JsonNode answer = json(client.ask("{\"action\":\"subscribe\",\"event\":\"" + eventId + "\"}"));
        assertEquals("subscribed", answer.get("type").asText(), answer::toString);
        return client;
    }

    private static long lastSeq(SocketClient client, String eventId) {
        JsonNode answer = json(client.ask("{\"action\":\"subscribe\",\"event\":\"" + eventId + "\"}"));
        return answer.get("data").get("last_seq").asLong();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    private JsonNode snapshot(String token) {
        var answer = tenant.api().withToken(token, "GET", "/v1/events/" + event + "/live/snapshot", null);
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    @Test
    void aCheckinArrivesWithTheNextSeqAndADuplicateScanAsAConflict() {
        Tenant other = Tenant.create("pub-other");
        String sameIdElsewhere = event;
        setUpEventWithId(other, sameIdElsewhere);
        String otherEvent = setUpEvent(tenant);
        long now = System.currentTimeMillis();
        try (SocketClient ops = subscribed(tenant.token("ops"), event);
             SocketClient foreign = subscribed(other.token("ops"), sameIdElsewhere);
             SocketClient elsewhere = subscribed(tenant.token("viewer"), otherEvent)) {
            long last = lastSeq(ops, event);

            assertEquals(201, checkIn("g1", now).status());
            JsonNode checkin = json(ops.next());
            assertEquals("checkin", checkin.get("type").asText(), checkin::toString);
            assertEquals(event, checkin.get("event").asText());
            assertEquals(last + 1, checkin.get("seq").asLong());
            JsonNode data = checkin.get("data");
            assertEquals("g1", data.get("guest_id").asText());
            assertEquals("za", data.get("zone").asText());
            assertEquals("name", data.get("mode").asText());
            assertEquals(1, data.get("guests").asInt());
            assertEquals(now, data.get("checked_in_at").asLong());
            assertTrue(data.path("first_name").isMissingNode() && !checkin.toString().contains("Guest"), "no names");

            uploadOfflineScan("g1", now + 5_000);
            JsonNode conflict = json(ops.next());
            assertEquals("conflict", conflict.get("type").asText(), conflict::toString);
            assertEquals(last + 2, conflict.get("seq").asLong());
            assertEquals("g1", conflict.get("data").get("guest_id").asText());
            assertEquals("duplicate", conflict.get("data").get("reason").asText());
            assertEquals(now, conflict.get("data").get("first_checked_in_at").asLong());

            // Both messages were pushed before these pings were sent: a leaked one would be answered first.
            assertEquals("pong", json(foreign.ask("{\"action\":\"ping\"}")).get("type").asText());
            assertEquals("pong", json(elsewhere.ask("{\"action\":\"ping\"}")).get("type").asText());
            assertEquals(0, lastSeq(foreign, sameIdElsewhere), "the other tenant's event of the same id had no message");
        }
    }

    /** SPEC §1's Ops Live service level as the publisher measures it: publish until @connections accepted the push. */
    @Test
    void aDeliveredMessagePublishesHowLongItsPushTook() {
        try (SocketClient ops = subscribed(tenant.token("ops"), event)) {
            long mark = stack.functionOutput("LivePublisherFunction").written();
            assertEquals(201, checkIn("g1", System.currentTimeMillis()).status());
            assertEquals("checkin", json(ops.next()).get("type").asText());

            // the figure is printed once every push returned, which may be just after the page got its message
            JsonNode document = Eventually.await(Duration.ofSeconds(10), () -> deliveryLatencies(mark), documents -> !documents.isEmpty())
                    .getFirst();
            assertEquals(SloMetrics.LIVE_PUBLISHER_SERVICE, document.get(SloMetrics.DIMENSION).asText());
            assertEquals("Milliseconds", document.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Unit").asText());
            assertTrue(document.get(SloMetrics.LIVE_DELIVERY).asDouble() > 0, document::toString);
        }
    }

    private static List<JsonNode> deliveryLatencies(long mark) {
        return stack.functionOutput("LivePublisherFunction").since(mark).stream().filter(line -> line.contains("\"" + SloMetrics.LIVE_DELIVERY + "\""))
                .map(LivePublisherTest::json).toList();
    }

    private static void setUpEventWithId(Tenant owner, String id) {
        put(owner, "/v1/events/" + id, Map.of("name", "Other Gala", "kind", "gala", "timezone", "Europe/Madrid"));
    }

    @Test
    void theSnapshotFollowsTheLastMessageAndAPageThatMissedOneResynchronisesFromIt() {
        long now = System.currentTimeMillis();
        try (SocketClient ops = subscribed(tenant.token("ops"), event)) {
            assertEquals(201, checkIn("g1", now).status());
            JsonNode first = json(ops.next());

            JsonNode snapshot = snapshot(tenant.token("viewer"));
            assertEquals("snapshot", snapshot.get("type").asText());
            assertEquals(event, snapshot.get("event").asText());
            assertEquals(first.get("seq").asLong(), snapshot.get("seq").asLong());
            JsonNode data = snapshot.get("data");
            assertEquals(1, data.get("checked_in").asLong());
            assertEquals(3, data.get("expected").asLong(), "the declined guest is not expected");
            JsonNode zone = data.get("zones").get(0);
            assertEquals(List.of("za", "A", "100", "1"), List.of(zone.get("id").asText(), zone.get("letter").asText(),
                    zone.get("capacity").asText(), zone.get("headcount").asText()));
            assertEquals("OPEN", data.get("exits").get(0).get("status").asText());
            assertEquals("g1", data.get("recent").get(0).get("guest_id").asText());
            assertEquals("checkin", data.get("recent").get(0).get("kind").asText());
            JsonNode arrivals = data.get("arrivals_per_minute");
            assertEquals(60, arrivals.size(), "every minute of the last hour, oldest first");
            assertEquals(1, arrivals.get(59).get("count").asLong() + arrivals.get(58).get("count").asLong(),
                    "g1's check-in counted in the current minute (or the one before, if a minute just turned)");

            // The page loses g2's check-in message: the conflict after it shows a gap.
            assertEquals(201, checkIn("g2", now + 1_000).status());
            long skipped = json(ops.next()).get("seq").asLong();
            uploadOfflineScan("g1", now + 2_000);
            JsonNode afterGap = json(ops.next());
            assertEquals(skipped + 1, afterGap.get("seq").asLong());

            JsonNode resync = snapshot(tenant.token("ops"));
            assertEquals(afterGap.get("seq").asLong(), resync.get("seq").asLong(), "the snapshot covers what was missed");
            assertEquals(2, resync.get("data").get("checked_in").asLong());
            assertEquals(2, resync.get("data").get("zones").get(0).get("headcount").asLong());
            List<String> recent = new ArrayList<>();
            resync.get("data").get("recent").forEach(item -> recent.add(item.get("kind").asText() + ":" + item.get("guest_id").asText()));
            assertEquals(List.of("conflict:g1", "checkin:g2", "checkin:g1"), recent);

            // Carrying on from the snapshot, the next message is the very next seq and its count adds up.
            assertEquals(201, checkIn("g4", now + 3_000).status());
            JsonNode next = json(ops.next());
            assertEquals(resync.get("seq").asLong() + 1, next.get("seq").asLong());
            assertEquals(3, resync.get("data").get("checked_in").asLong() + next.get("data").get("guests").asLong());
            assertEquals(3, snapshot(tenant.token("ops")).get("data").get("checked_in").asLong());
        }
    }

    @Test
    void anUndoIsPublishedAsItsOwnTypeWithOneGuestLess() {
        try (SocketClient ops = subscribed(tenant.token("ops"), event)) {
            var checkedIn = checkIn("g2", System.currentTimeMillis());
            assertEquals(201, checkedIn.status());
            String checkinId = json(ops.next()).get("data").get("checkin_id").asText();
            var undone = tenant.api().withToken(tenant.token("ops"), "POST",
                    "/v1/events/" + event + "/checkins/" + checkinId + "/undo", Map.of());
            assertTrue(undone.status() / 100 == 2, undone::toString);
            JsonNode undo = json(ops.next());
            assertEquals("checkin_undone", undo.get("type").asText(), undo::toString);
            assertEquals("g2", undo.get("data").get("guest_id").asText());
            assertEquals(-1, undo.get("data").get("guests").asInt());
            assertEquals(0, snapshot(tenant.token("ops")).get("data").get("checked_in").asLong());
        }
    }

    @Test
    void theSnapshotOfAnotherTenantsEventIsNotFoundAndKiosksAreRefused() {
        Tenant other = Tenant.create("pub-snoop");
        var foreign = other.api().withToken(other.token("admin"), "GET", "/v1/events/" + event + "/live/snapshot", null);
        assertEquals(404, foreign.status(), foreign.body());
        var kiosk = tenant.api().withToken(stack.issueToken(tenant.id(), List.of("kiosk"), List.of()), "GET",
                "/v1/events/" + event + "/live/snapshot", null);
        assertEquals(403, kiosk.status(), kiosk.body());
    }
}
