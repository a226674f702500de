package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Set-up imports, name search, the guest's pass view and arrivals, through the local stack. */
class EventSetupTest {

    @Test
    void aCsvWithBrokenRowsImportsTheGoodOnesAndReportsEachBadLine() {
        Door door = Door.setUp("csv");
        String csv = """
                id,first_name,last_name,household_id,tags,rsvp
                c1,Lucía,Gómez,,vip;pmr,confirmed
                c2,,Pérez,,,confirmed
                c3,Tom,Hill,,,maybe
                c4,Eve,Stone,,,pending,extra
                c5,"Ann, Jr.",Lee,,,confirmed
                """;
        var answer = door.tenant.api().send("PUT", "/v1/events/" + Door.EVENT + "/guests",
                csv.getBytes(StandardCharsets.UTF_8),
                Map.of("authorization", "Bearer " + door.adminToken, "content-type", "text/csv"));

        assertEquals(200, answer.status(), answer.body());
        assertEquals(2, answer.json().get("imported").asInt());
        assertEquals(3, answer.json().get("rejected").asInt());
        Map<Integer, String> fieldsByLine = new java.util.TreeMap<>();
        for (JsonNode error : answer.json().get("errors")) {
            fieldsByLine.put(error.get("line").asInt(), error.path("field").asText(""));
        }
        assertEquals(Map.of(3, "first_name", 4, "rsvp", 5, ""), fieldsByLine);
        assertEquals(List.of("c5"), ids(search(door, "ann")));
        assertEquals(List.of("c1"), ids(search(door, "LUCIA g")));
    }

    @Test
    void nameSearchIsAPrefixSearchBlindToAccentsCaseAndWordOrder() {
        Door door = Door.setUp("search");
        assertEquals(List.of("g1"), ids(search(door, "jose nu")));
        assertEquals(List.of("g1"), ids(search(door, "NÚÑEZ")));
        assertEquals(List.of("g1"), ids(search(door, "nunez jo")));
        assertEquals(5, ids(search(door, "ruiz")).size());
        assertEquals(List.of(), ids(search(door, "jose x")));
        JsonNode hit = search(door, "jose").get(0);
        assertEquals("N.", hit.get("last_initial").asText());
        assertFalse(hit.toString().contains("Núñez"));
    }

    @Test
    void thePassViewShowsOnlyWhereToGo() {
        Door door = Door.setUp("passview");
        var mine = door.tenant.api().send("GET", "/v1/passes/" + door.passes.get("h1b"), null, Map.of());
        assertEquals(200, mine.status(), mine.body());
        assertEquals("Winter Gala", mine.json().get("event_name").asText());
        assertEquals("B-12", mine.json().get("table_label").asText());
        assertEquals("B", mine.json().get("zone").get("letter").asText());
        assertEquals(List.of("Marta", "Luis", "Sofía", "Pablo"), Api.texts(mine.json().get("household_members")));
        assertFalse(mine.body().contains("Ruiz"), "no last names");
        assertEquals(404, door.tenant.api().send("GET", "/v1/passes/" + "B".repeat(40), null, Map.of()).status());
    }

    @Test
    void aHouseholdPassShowsEachComingMembersFirstNameAndTable() {
        Door door = Door.setUp("household-view");
        var view = door.tenant.api().send("GET", "/v1/passes/" + door.householdPasses.get("h1"), null, Map.of());
        assertEquals(200, view.status(), view.body());
        List<String> names = new ArrayList<>();
        view.json().get("members").forEach(m -> {
            names.add(m.get("first_name").asText());
            assertEquals("B-12", m.get("table_label").asText());
        });
        assertEquals(List.of("Marta", "Luis", "Sofía", "Pablo"), names);
        assertFalse(view.body().contains("Iker"), "declined members are not shown");
    }

    @Test
    void eventsAndTablesAreValidatedAndBadTablesReportedOneByOne() {
        Door door = Door.setUp("validation");
        var sameLetter = door.tenant.api().withToken(door.adminToken, "PUT", "/v1/events/other-1", Map.of("name", "X",
                "kind", "gala", "zones", List.of(Map.of("id", "a", "letter", "A", "color", "red"),
                        Map.of("id", "b", "letter", "A", "color", "blue"))));
        assertEquals(422, sameLetter.status(), sameLetter.body());
        assertEquals("zones.letter", sameLetter.json().get("field").asText());
        var tables = door.tenant.api().withToken(door.adminToken, "PUT", "/v1/events/" + Door.EVENT + "/tables",
                Map.of("tables", List.of(Map.of("id", "t20", "label", "C-20", "zone", "za", "capacity", 6),
                        Map.of("id", "t21", "zone", "nowhere", "capacity", 6),
                        Map.of("id", "t22", "capacity", 0))));
        assertEquals(200, tables.status(), tables.body());
        assertEquals(1, tables.json().get("imported").asInt());
        List<String> fields = new ArrayList<>();
        tables.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(List.of("zone", "capacity"), fields);
    }

    @Test
    void anArrivalAtTheTableMeasuresDoorToSeat() {
        Door door = Door.setUp("arrival");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        long scannedAt = System.currentTimeMillis() - 40_000;
        assertEquals(201, door.checkIn(kiosk, Door.byPass(door.passes.get("g2"), scannedAt)).status());
        String body = io.seatpilot.core.json.Json.write(Map.of("pass", door.passes.get("g2"), "table_id", "t1",
                "confirm_mode", "qr", "arrived_at", scannedAt + 35_000));
        var arrival = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + Door.EVENT + "/arrivals", body);
        assertEquals(201, arrival.status(), arrival.body());
        assertEquals(35.0, arrival.json().get("door_to_seat_seconds").asDouble());
        assertTrue(arrival.json().get("at_expected_table").asBoolean());
        var again = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + Door.EVENT + "/arrivals", body);
        assertEquals(200, again.status());
        assertEquals(1, door.counters().arrived());
    }

    @Test
    void setUpIsForPlannersAndAdminsOnly() {
        Door door = Door.setUp("roles");
        var staff = door.tenant.api().withToken(door.tenant.token("staff"), "PUT", "/v1/events/" + Door.EVENT + "/tables",
                Map.of("tables", List.of()));
        assertEquals(403, staff.status());
        var planner = door.tenant.api().withToken(door.tenant.token("planner"), "PUT", "/v1/events/" + Door.EVENT,
                Map.of("name", "x", "kind", "gala"));
        assertEquals(403, planner.status());
        var otherTenant = Tenant.create("other");
        var missing = otherTenant.api().withToken(otherTenant.adminToken(), "PUT", "/v1/events/" + Door.EVENT + "/guests",
                Map.of("guests", List.of()));
        assertEquals(404, missing.status());
    }

    private static JsonNode search(Door door, String q) {
        Tenant.Key kiosk = door.tenant.kioskKey();
        String path = "/v1/events/" + Door.EVENT + "/guests/search";
        var headers = new java.util.HashMap<>(kiosk.signer().sign("GET", path, new byte[0]));
        var answer = door.tenant.api().send("GET", path + "?q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8),
                null, headers);
        assertEquals(200, answer.status(), answer.body());
        return answer.json().get("guests");
    }

    private static List<String> ids(JsonNode guests) {
        List<String> ids = new ArrayList<>();
        guests.forEach(g -> ids.add(g.get("guest_id").asText()));
        return ids;
    }
}
