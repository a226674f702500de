package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.store.EventKeys;
import io.seatpilot.core.store.Items;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The door list's version (SPEC §15): kiosks poll with {@code If-None-Match}, so an unchanged list must answer 304
 * from its version alone, and every kind of change a kiosk would show must give a new ETag.
 */
class DoorListVersionTest {

    private static final String PATH = "/v1/events/" + Door.EVENT + "/doorlist";
    private static Door door;
    private static Tenant.Key kiosk;

    @BeforeAll
    static void setUp() {
        door = Door.setUp("doorlist-version");
        kiosk = door.tenant.issueKey("door-version", "kiosk");
    }

    @Test
    void everyKindOfChangeGivesANewETagAndNothingChangedAnswers304() {
        Set<String> seen = new HashSet<>();
        String etag = changedTo(seen, "the first fetch");
        assertEquals(304, fetch(etag).status(), "nothing changed");
        assertEquals(304, fetch(etag).status(), "nothing changed, asked again");

        String event = "/v1/events/" + Door.EVENT;
        door.put(event, Map.of("name", "Winter Gala", "kind", "gala", "timezone", "Europe/Madrid",
                "zones", List.of(Map.of("id", "za", "name", "Garden", "letter", "G", "color", "#2E8B57"),
                        Map.of("id", "zb", "name", "Hall", "letter", "B", "color", "blue")),
                "exits", List.of(Map.of("id", "x1", "name", "North", "status", "OPEN"))), 200);
        etag = changedFrom(etag, seen, "the event (a zone's letter)");

        door.put(event + "/tables", Map.of("tables", List.of(
                Map.of("id", "t1", "label", "A-2", "zone", "za", "capacity", 8, "shape", "round"))), 200);
        etag = changedFrom(etag, seen, "a table's label");

        door.put(event + "/guests", Map.of("guests", List.of(Map.of("id", "g4", "first_name", "Nora", "last_name", "Vidal",
                "rsvp", "confirmed", "table_id", "t1"))), 200);
        etag = changedFrom(etag, seen, "a guest added");

        var issued = door.tenant.api().withToken(door.adminToken, "POST", event + "/passes", Map.of("guest_ids", List.of("g4")));
        assertEquals(201, issued.status(), issued.body());
        String noraPass = issued.json().get("passes").get(0).get("token").asText();
        etag = changedFrom(etag, seen, "a pass issued");

        var solved = door.tenant.api().withToken(door.adminToken, "POST", event + "/seating/solve", Map.of("time_limit_ms", 200));
        assertEquals(200, solved.status(), solved.body());
        var published = door.tenant.api().withToken(door.adminToken, "POST", event + "/seating/publish",
                Map.of("version", solved.json().get("version").asLong()));
        assertEquals(200, published.status(), published.body());
        etag = changedFrom(etag, seen, "the seating plan published");

        var checkin = door.checkIn(kiosk, Door.byPass(noraPass, System.currentTimeMillis()));
        assertEquals(201, checkin.status(), checkin.body());
        etag = changedFrom(etag, seen, "a check-in");

        var undo = door.tenant.api().signed(kiosk.signer(), "POST",
                event + "/checkins/" + checkin.json().get("checkin_id").asText() + "/undo", "");
        assertEquals(201, undo.status(), undo.body());
        etag = changedFrom(etag, seen, "the check-in undone (the count is back where it was; the version is not)");

        var erased = door.tenant.api().withToken(door.adminToken, "DELETE", event + "/guests/g4", null);
        assertTrue(erased.status() / 100 == 2, erased.body());
        changedFrom(etag, seen, "a guest's personal data erased");
    }

    /**
     * The 304 is answered from the version, not from the content: a guest written straight into the table, past the
     * API (no writer of the product does this), is not seen by a poll with the current ETag. Before the version was
     * read on its own, answering that poll meant building the whole list, which then differed.
     */
    @Test
    void anUnchangedVersionIsAnsweredWithoutReadingTheList() {
        String etag = fetch(null).header("etag").orElseThrow();
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> guest =
                new HashMap<>(EventKeys.item(door.tenant.id(), Door.EVENT, EventKeys.GUEST, "g-behind"));
        guest.put("first_name", Items.s("Behind"));
        guest.put("last_name", Items.s("Theback"));
        guest.put("rsvp", Items.s("confirmed"));
        door.tenant.stack().awsClients().dynamoDb().putItem(b -> b.tableName(door.tenant.stack().tableName("DataTable")).item(guest));
        var poll = fetch(etag);
        assertEquals(304, poll.status(), "the poll built the list: " + poll.body());
    }

    private static String changedTo(Set<String> seen, String what) {
        var answer = fetch(null);
        assertEquals(200, answer.status(), what + ": " + answer.body());
        String etag = answer.header("etag").orElseThrow();
        assertEquals(etag, "\"" + answer.json().get("version").asText() + "\"", "the ETag is the body's version");
        assertTrue(seen.add(etag), what + " gave an ETag seen before: " + etag);
        return etag;
    }

    private static String changedFrom(String etag, Set<String> seen, String what) {
        var poll = fetch(etag);
        assertEquals(200, poll.status(), what + " left the door list's ETag as it was");
        String next = poll.header("etag").orElseThrow();
        assertTrue(seen.add(next), what + " gave an ETag seen before: " + next);
        assertEquals(304, fetch(next).status(), "after " + what + ", nothing changed");
        return next;
    }

    private static Api.Answer fetch(String ifNoneMatch) {
        var headers = new HashMap<>(kiosk.signer().sign("GET", PATH, new byte[0]));
        if (ifNoneMatch != null) {
            headers.put("if-none-match", ifNoneMatch);
        }
        return door.tenant.api().send("GET", PATH, null, headers);
    }
}
