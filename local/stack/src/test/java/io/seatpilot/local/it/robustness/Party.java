package io.seatpilot.local.it.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant with events set up through the API: per event two guests with distinctive names, a household, a table,
 * an exit, a muster point, passes, one check-in, one alert, one quarantined envelope and a device key scoped to
 * the event. {@link #markers(String)} lists what must never reach a caller who may not see the event.
 */
final class Party {

    /** What one event holds, by id: every value a request can name. */
    record Event(String id, String name, List<String> guestIds, List<String> firstNames, List<String> lastNames,
                 String tableId, String tableLabel, String exitId, String pointId, Map<String, String> passes,
                 String checkinId, String alertId, String quarantineId, String quarantineMarker, String deviceId,
                 Tenant.Key key, String incidentId) {

        String keyId() {
            return key.keyId();
        }

        String guest() {
            return guestIds.get(0);
        }

        String pass() {
            return passes.get(guest());
        }

        /** The guest the per-guest routes name: a personal-data erasure may take it, no other cell needs it. */
        String spareGuest() {
            return guestIds.get(2);
        }
    }

    final Tenant tenant;
    final Tenant.Key kiosk;
    final Map<String, Event> events = new HashMap<>();

    private Party(Tenant tenant) {
        this.tenant = tenant;
        this.kiosk = tenant.kioskKey();
    }

    /** {@code tag} (letters) makes names and ids unique to this party, so a marker found elsewhere is a leak. */
    static Party create(LocalStack stack, String prefix, String tag, List<String> eventIds) {
        Party party = new Party(Tenant.on(stack, prefix));
        int n = 0;
        for (String eventId : eventIds) {
            party.events.put(eventId, party.setUp(eventId, tag + (char) ('a' + n++)));
        }
        return party;
    }

    Event event(String id) {
        return events.get(id);
    }

    String admin() {
        return tenant.adminToken();
    }

    private Event setUp(String eventId, String tag) {
        String cap = Character.toUpperCase(tag.charAt(0)) + tag.substring(1);
        String name = "Gala " + cap + "quill";
        String table = "tb-" + tag;
        String tableLabel = cap.toUpperCase() + "-77";
        // dated, so the guest's calendar entry (GET /p/{token}/event.ics) exists
        put("/v1/events/" + eventId, Map.of("name", name, "kind", "gala", "timezone", "Europe/Madrid", "starts_at", 1_797_098_400_000L,
                "zones", List.of(Map.of("id", "za", "name", "Garden", "letter", "A", "color", "#2E8B57")),
                "exits", List.of(Map.of("id", "ex-" + tag, "name", "North", "status", "OPEN")),
                "muster_points", List.of(Map.of("id", "mp-" + tag, "name", "Car park"))), 201);
        put("/v1/events/" + eventId + "/tables", Map.of("tables", List.of(
                Map.of("id", table, "label", tableLabel, "zone", "za", "capacity", 8, "shape", "round"))), 200);
        List<String> ids = List.of("gst-" + tag + "-1", "gst-" + tag + "-2", "gst-" + tag + "-3");
        List<String> first = List.of("Zebul" + tag, "Ysold" + tag, "Quent" + tag);
        List<String> last = List.of("Marchbank" + tag, "Pemburry" + tag, "Fothering" + tag);
        List<Map<String, Object>> guests = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> guest = new HashMap<>(Map.of("id", ids.get(i), "first_name", first.get(i),
                    "last_name", last.get(i), "rsvp", "confirmed", "table_id", table, "notes", "note-" + tag));
            if (i > 0) {
                guest.put("household_id", "hh-" + tag);
            }
            guests.add(guest);
        }
        put("/v1/events/" + eventId + "/guests", Map.of("guests", guests,
                "households", List.of(Map.of("id", "hh-" + tag, "name", "House " + cap))), 200);
        var issued = tenant.api().withToken(admin(), "POST", "/v1/events/" + eventId + "/passes", Map.of("households", true));
        assertEquals(201, issued.status(), issued.body());
        Map<String, String> passes = new HashMap<>();
        for (JsonNode pass : issued.json().get("passes")) {
            passes.put(pass.has("guest_id") ? pass.get("guest_id").asText() : pass.get("household_id").asText(),
                    pass.get("token").asText());
        }
        // a check-in of the second guest (the first stays free for the cells that try to check it in)
        String checkinId = UUID.randomUUID().toString();
        var checkin = tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + eventId + "/checkins", Json.write(Map.of(
                "checkin_id", checkinId, "pass", passes.get(ids.get(1)), "mode", "qr", "scanned_at", System.currentTimeMillis())));
        assertEquals(201, checkin.status(), checkin.body());
        var alert = tenant.api().withToken(admin(), "POST", "/v1/events/" + eventId + "/alerts",
                Map.of("level", "ALERT", "message", "Check the north door"));
        assertEquals(201, alert.status(), alert.body());
        String incidentId = "inc-" + tag + "-" + UUID.randomUUID().toString().substring(0, 8);
        var incident = tenant.api().withToken(admin(), "POST", "/v1/events/" + eventId + "/incidents",
                Map.of("incident_id", incidentId, "category", "medical"));
        assertEquals(201, incident.status(), incident.body());
        // quarantined (ts_ms 0) with a marker only this event's envelope carries
        String marker = "qmark-" + tag + "-" + UUID.randomUUID().toString().substring(0, 8);
        var bad = Envelopes.schemaMismatch(tenant.id(), eventId).put("session_id", marker);
        var refused = tenant.api().signed(kiosk.signer(), "POST", "/v1/events", bad.toString());
        assertEquals(422, refused.status(), refused.body());
        String quarantineId = Eventually.await(Duration.ofSeconds(10), () -> quarantined(marker), id -> id != null);
        String deviceId = "dev-" + tag;
        Tenant.Key scoped = tenant.issueKey(deviceId, "kiosk", List.of(eventId));
        return new Event(eventId, name, ids, first, last, table, tableLabel, "ex-" + tag, "mp-" + tag, passes,
                checkinId, alert.json().get("alert_id").asText(), quarantineId, marker, deviceId, scoped, incidentId);
    }

    private String quarantined(String marker) {
        var page = tenant.api().withToken(admin(), "GET", "/v1/ingest/quarantine?limit=100", null);
        for (JsonNode item : page.json().path("items")) {
            if (item.toString().contains(marker)) {
                return item.path("id").asText(null);
            }
        }
        return null;
    }

    private void put(String path, Object body, int expected) {
        Api.Answer answer = tenant.api().withToken(admin(), "PUT", path, body);
        assertEquals(expected, answer.status(), answer.body());
    }

    /** Everything of {@code eventId} a caller without access must never see. */
    Set<String> markers(String eventId) {
        Event e = events.get(eventId);
        Set<String> markers = new LinkedHashSet<>();
        markers.add(e.name());
        markers.addAll(e.guestIds());
        markers.addAll(e.firstNames());
        markers.addAll(e.lastNames());
        markers.add(e.tableLabel());
        markers.addAll(e.passes().values());
        markers.add(e.checkinId());
        markers.add(e.alertId());
        markers.add(e.incidentId());
        markers.add(e.quarantineId());
        markers.add(e.quarantineMarker());
        markers.add(e.keyId());
        return markers;
    }

    /** Everything of the tenant: the markers of all its events. */
    Set<String> markers() {
        Set<String> all = new LinkedHashSet<>();
        events.keySet().forEach(id -> all.addAll(markers(id)));
        return all;
    }
}
