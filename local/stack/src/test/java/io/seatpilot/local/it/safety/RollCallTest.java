package io.seatpilot.local.it.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.SocketClient;
import java.time.Duration;
import io.seatpilot.core.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The evacuation roll call with 300 guests inside: 150 muster online, 100 through one offline (signed ingest)
 * upload, 20 of those reported twice; the unaccounted list must be exactly the other 50.
 */
class RollCallTest {

    private static final int GUESTS = 300;

    @Test
    void musterCheckinsOnlineAndOfflineLeaveExactlyTheUnaccountedGuests() throws Exception {
        Tenant tenant = Tenant.create("safety-rollcall");
        SafetyEvent event = SafetyEvent.create(tenant, 1000);
        event.namedGuests(GUESTS);
        String ops = tenant.token("ops");
        SafetyEvent.parallel(GUESTS, i -> event.checkIn(tenant.volunteer(i, "ops"), SafetyEvent.guestId(i)), 201);

        var outside = musterOnline(event, ops, "m1", "g000");
        assertEquals(422, outside.status(), "no muster before an evacuation");
        long evacStarted = System.currentTimeMillis();
        String evacId;
        try (SocketClient watcher = event.watch("viewer")) {
            evacId = event.raise(ops, Map.of("level", "EVAC", "template", "fire")).json().get("alert_id").asText();
            var start = event.get(ops, "/muster").json();
            assertTrue(start.get("active").asBoolean());
            assertEquals(expectedRoll(0, GUESTS), start.get("unaccounted"), "everyone inside, named, pmr first");

            // the evacuation's start pushes the same roll call to Ops Live (one page: 300 guests are ~ 30 KB)
            JsonNode live = SafetyEvent.next(watcher, "muster").get("data");
            assertTrue(live.get("roll_call").asBoolean(), live::toString);
            assertEquals(evacId, live.get("evacuation_id").asText());
            assertEquals(1, live.get("page").asInt());
            assertEquals(1, live.get("pages").asInt());
            assertEquals(GUESTS, live.get("unaccounted_count").asInt());
            assertEquals(start.get("unaccounted"), live.get("unaccounted"), "Ops Live carries what GET …/muster does");

            SafetyEvent.parallel(150, i -> musterOnline(event, ops, "m1", SafetyEvent.guestId(i)), 201);
            JsonNode muster = SafetyEvent.next(watcher, "muster");
            assertEquals(evacId, muster.get("data").get("evacuation_id").asText());
            assertEquals("m1", muster.get("data").get("point_id").asText());
            int guest = Integer.parseInt(muster.get("data").get("guest_id").asText().substring(1));
            assertEquals(entry(guest), withoutStatus(muster.get("data")), "a safe guest is named on Ops Live too");
        }
        assertEquals(200, musterOnline(event, ops, "m2", "g000").status(), "a guest is safe once, where first seen");

        Tenant.Key kiosk = tenant.kioskKey();
        List<ObjectNode> offline = new ArrayList<>();
        for (int i = 150; i < 250; i++) {
            offline.add(musterEnvelope(tenant, event, "m2", SafetyEvent.guestId(i), System.currentTimeMillis()));
        }
        // a report from before the evacuation started belongs to no roll call
        offline.set(99, musterEnvelope(tenant, event, "m2", SafetyEvent.guestId(249), evacStarted - 60_000));
        ExitsTest.upload(tenant, kiosk, offline.toArray(ObjectNode[]::new));
        List<ObjectNode> again = new ArrayList<>();
        for (int i = 150; i < 170; i++) {
            again.add(musterEnvelope(tenant, event, "m1", SafetyEvent.guestId(i), System.currentTimeMillis()));
        }
        again.add(musterEnvelope(tenant, event, "m2", SafetyEvent.guestId(249), System.currentTimeMillis()));
        ExitsTest.upload(tenant, kiosk, again.toArray(ObjectNode[]::new));

        JsonNode roll = Eventually.await(Duration.ofSeconds(30), () -> event.get(ops, "/muster").json(),
                r -> r.get("safe").asInt() == 250);
        JsonNode expected = expectedRoll(250, GUESTS);
        assertEquals(expected, roll.get("unaccounted"));
        assertEquals(List.of("g267", "g287"), idsOf(roll.get("unaccounted")).subList(0, 2), "pmr guests first");
        for (JsonNode unaccounted : roll.get("unaccounted")) {
            SafetyEvent.LAST_NAMES.stream().filter(last -> last.length() > 2).forEach(last ->
                    assertFalse(unaccounted.toString().contains(last), "no full last name: " + unaccounted));
        }
        assertEquals(50, roll.get("unaccounted_count").asInt());
        assertEquals(GUESTS, roll.get("inside").asInt());
        assertEquals(150, roll.get("per_point").get("m1").asInt(), "re-reports at m1 do not move guests first seen at m2");
        assertEquals(100, roll.get("per_point").get("m2").asInt());

        assertEquals(201, event.raise(ops, Map.of("level", "CLEAR", "template", "all_clear")).status());
        JsonNode after = event.get(tenant.token("viewer"), "/muster").json();
        assertFalse(after.get("active").asBoolean());
        assertEquals(evacId, after.get("evacuation_id").asText());
        assertEquals(expected, after.get("unaccounted"), "the record is kept after CLEAR");
        assertEquals(422, musterOnline(event, ops, "m1", "g299").status(), "no muster after CLEAR");

        var audit = new AuditLog(tenant.stack().awsClients().dynamoDb(), tenant.stack().tableName("DataTable"))
                .entries(tenant.id(), event.id());
        assertEquals(250, audit.stream().filter(e -> e.action().equals("muster_checkin")).count());
        assertEquals(1, audit.stream().filter(e -> e.action().equals("evac_cleared")).count());
        assertTrue(audit.stream().filter(e -> e.action().equals("muster_checkin") && e.subject().equals("g200"))
                .allMatch(e -> e.actor().startsWith("device:")), "offline reports are audited as their device");
    }

    @Test
    void anAuditEntryIsNeverWrittenTwiceNorOverwritten() {
        Tenant tenant = Tenant.create("safety-audit");
        var log = new AuditLog(tenant.stack().awsClients().dynamoDb(), tenant.stack().tableName("DataTable"));
        var entry = new AuditLog.Entry("a1-raised", "gala", "alert_raised", "user:u1", "a1", 1_000L, Map.of("level", "ALERT"));
        assertTrue(log.append(tenant.id(), entry));
        assertFalse(log.append(tenant.id(), new AuditLog.Entry("a1-raised", "gala", "alert_raised", "user:intruder", "a1",
                1_000L, Map.of("level", "EVAC"))));
        var stored = log.entries(tenant.id(), "gala");
        assertEquals(1, stored.size());
        assertEquals("user:u1", stored.getFirst().actor());
        assertEquals(Map.of("level", "ALERT"), stored.getFirst().details());
    }

    /** What a roll-call entry of guest {@code i} must say: first name + last initial, table, zone letter, pmr. */
    private static ObjectNode entry(int i) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        String first = SafetyEvent.FIRST_NAMES.get(i % SafetyEvent.FIRST_NAMES.size());
        String initial = SafetyEvent.LAST_NAMES.get(i % SafetyEvent.LAST_NAMES.size()).substring(0, 1) + ".";
        String zone = SafetyEvent.zoneOfTable(i / 10);
        entry.put("guest_id", SafetyEvent.guestId(i));
        entry.put("name", first + " " + initial);
        entry.put("first_name", first);
        entry.put("last_initial", initial);
        entry.put("table_label", zone + "-" + i / 10);
        entry.put("zone", zone);
        entry.put("pmr", SafetyEvent.pmr(i));
        return entry;
    }

    /** Guests {@code from..to} in roll-call order, worked out here independently: pmr, zone, name, id. */
    private static JsonNode expectedRoll(int from, int to) {
        var array = Json.MAPPER.createArrayNode();
        IntStream.range(from, to).boxed().sorted(Comparator.<Integer, Boolean>comparing(i -> !SafetyEvent.pmr(i))
                        .thenComparing(i -> SafetyEvent.zoneOfTable(i / 10))
                        .thenComparing(i -> entry(i).get("name").asText().toLowerCase(Locale.ROOT))
                        .thenComparing(SafetyEvent::guestId))
                .forEach(i -> array.add(entry(i)));
        return array;
    }

    private static List<String> idsOf(JsonNode entries) {
        List<String> ids = new ArrayList<>();
        entries.forEach(e -> ids.add(e.get("guest_id").asText()));
        return ids;
    }

    private static JsonNode withoutStatus(JsonNode muster) {
        ObjectNode copy = muster.deepCopy();
        copy.remove(List.of("evacuation_id", "point_id", "at", "status"));
        return copy;
    }

    private static Api.Answer musterOnline(SafetyEvent event, String token, String point, String guest) {
        return event.tenant().api().withToken(token, "POST", "/v1/events/" + event.id() + "/muster/" + point + "/checkins",
                Map.of("guest_id", guest));
    }

    private static ObjectNode musterEnvelope(Tenant tenant, SafetyEvent event, String point, String guest, long at) {
        ObjectNode envelope = Envelopes.envelope(tenant.id(), "safety.muster_checkin",
                Map.of("event", event.id(), "muster_point_id", point, "guest_id", guest));
        envelope.put("ts_ms", at);
        return envelope;
    }
}
