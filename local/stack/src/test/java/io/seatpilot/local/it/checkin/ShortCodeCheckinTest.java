package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.it.Tenant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Short codes (SPEC §15) through the local stack: issued with passes, typed at the door, never kept in clear. */
class ShortCodeCheckinTest {

    private static final java.util.regex.Pattern CROCKFORD = java.util.regex.Pattern.compile("[0-9A-HJKMNP-TV-Z]{8}");

    @Test
    void everyPassGetsAWellFormedCodeUniqueInItsEvent() {
        Door door = Door.setUp("codes-issue");
        Map<String, String> codes = codes(door, Map.of("households", true));
        assertEquals(9, codes.size(), codes.keySet().toString()); // 8 guests and the household
        codes.values().forEach(code -> assertTrue(CROCKFORD.matcher(code).matches(), code));
        assertEquals(codes.size(), new HashSet<>(codes.values()).size(), "codes are unique per event");
    }

    @Test
    void aCodeTypedLooselyChecksTheGuestInAsThePassWould() {
        Door door = Door.setUp("codes-checkin");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        Map<String, String> codes = codes(door, Map.of("households", true));
        long now = System.currentTimeMillis();

        var body = byCode(typed(codes.get("g1")), now);
        var first = door.checkIn(kiosk, body);
        assertEquals(201, first.status(), first.body());
        assertEquals("g1", first.json().get("guest_id").asText());
        assertEquals("B-12", first.json().get("table_label").asText());
        assertEquals("B", first.json().get("zone").get("letter").asText());
        var again = door.checkIn(kiosk, body);
        assertEquals(200, again.status(), again.body());
        assertEquals(first.json(), again.json());
        var other = door.checkIn(door.tenant.issueKey("door-b", "kiosk"), Door.byPass(door.passes.get("g1"), now));
        assertEquals(409, other.status(), other.body());
        var declined = door.checkIn(kiosk, byCode(codes.get("g3"), now));
        assertEquals(403, declined.status(), declined.body());
        assertEquals("not_invited", declined.reason());

        Map<String, Object> household = byCode(codes.get("household:h1").toLowerCase(Locale.ROOT), now);
        household.put("guest_ids", List.of("h1a", "h1b"));
        var members = door.checkIn(kiosk, household);
        assertEquals(201, members.status(), members.body());
        assertEquals(2, members.json().get("guests").size());
        assertEquals(3, door.counters().checkedIn());

        for (String malformed : List.of("ABC", "ABCDEFGHJ", "UUUUUUUU", "ABCD*EFG")) {
            var refused = door.checkIn(kiosk, byCode(malformed, now));
            assertEquals(422, refused.status(), refused.body());
            assertEquals("validation_failed", refused.reason());
            assertEquals("code", refused.json().get("field").asText());
        }
        Map<String, Object> wrongMode = byCode(codes.get("g2"), now);
        wrongMode.put("mode", "qr");
        assertEquals(422, door.checkIn(kiosk, wrongMode).status());
    }

    @Test
    void aPassIssuedAgainGetsANewCodeAndTheOldCodeIsUnknown() {
        Door door = Door.setUp("codes-reissue");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        String old = codes(door, Map.of()).get("g2");
        String fresh = codes(door, Map.of("guest_ids", List.of("g2"))).get("g2");
        assertNotEquals(old, fresh);
        long now = System.currentTimeMillis();

        var stale = door.checkIn(kiosk, byCode(old, now));
        assertEquals(404, stale.status(), stale.body());
        assertEquals("pass_unknown", stale.reason());
        assertEquals(201, door.checkIn(kiosk, byCode(fresh, now)).status());
    }

    @Test
    void elevenWrongCodesInAMinuteGiveA429OnTheEleventhAndRightCodesDoNotCount() throws Exception {
        Door door = Door.setUp("codes-limit");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        Tenant.Key other = door.tenant.issueKey("door-b", "kiosk");
        Map<String, String> codes = codes(door, Map.of());
        // the budget is a fixed one-minute window: start early in one so the twelve calls fit in it
        long intoWindow = System.currentTimeMillis() % 60_000;
        if (intoWindow > 35_000) {
            Thread.sleep(60_000 - intoWindow + 50);
        }
        long now = System.currentTimeMillis();
        // right codes spend nothing from the wrong-code budget (two 201s; well under the check-in limit)
        assertEquals(201, door.checkIn(kiosk, byCode(codes.get("g1"), now)).status());
        assertEquals(201, door.checkIn(kiosk, byCode(codes.get("g2"), now)).status());
        for (int i = 1; i <= 10; i++) {
            var wrong = door.checkIn(kiosk, byCode(unused(codes, i), now));
            assertEquals(404, wrong.status(), "wrong code " + i + ": " + wrong.body());
            assertEquals("pass_unknown", wrong.reason());
            Thread.sleep(1_500); // stays under the check-in limit (10 per 10 s), which is not what is tested here
        }
        var eleventh = door.checkIn(kiosk, byCode(unused(codes, 11), now));
        assertEquals(429, eleventh.status(), eleventh.body());
        assertEquals("rate_limited", eleventh.reason());
        int retryAfter = Integer.parseInt(eleventh.header("retry-after").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        // over the budget, even a right code is not looked up: guessing stops for the rest of the minute
        var locked = door.checkIn(kiosk, byCode(codes.get("h1a"), now));
        assertEquals(429, locked.status(), locked.body());
        // another key keeps its own budget
        assertEquals(201, door.checkIn(other, byCode(codes.get("h1a"), now)).status());
    }

    @Test
    void noCodeIsKeptInClearNorShownOnThePassView() {
        Door door = Door.setUp("codes-clear");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        Map<String, String> codes = codes(door, Map.of("households", true));
        String token = codes.keySet().stream().filter(k -> k.equals("g1")).findFirst().map(k -> door.passes.get(k)).orElseThrow();
        assertEquals(201, door.checkIn(kiosk, byCode(typed(codes.get("g1")), System.currentTimeMillis())).status());
        assertEquals(404, door.checkIn(kiosk, byCode(unused(codes, 1), System.currentTimeMillis())).status());

        List<String> stored = new ArrayList<>();
        var dynamo = door.tenant.stack().awsClients().dynamoDb();
        String prefix = "T#" + door.tenant.id() + "#";
        dynamo.scanPaginator(s -> s.tableName(door.tenant.stack().tableName("DataTable"))
                        .filterExpression("begins_with(pk, :p)").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix))))
                .items().forEach(item -> stored.add(item.toString()));
        assertTrue(stored.size() > 20, "the tenant's items were read: " + stored.size());
        assertTrue(stored.stream().anyMatch(s -> s.contains("CODE")), "code lookup items exist");
        for (String code : codes.values()) {
            for (String item : stored) {
                assertFalse(item.toUpperCase(Locale.ROOT).contains(code), "code in clear in " + item);
            }
        }
        var view = door.tenant.api().send("GET", "/v1/passes/" + door.passes.get("g1"), null, Map.of());
        assertEquals(200, view.status(), view.body());
        for (String code : codes.values()) {
            assertFalse(view.body().toUpperCase(Locale.ROOT).contains(code), view.body());
        }
        assertTrue(token.length() > 8);
    }

    /** Issues passes again (as {@code body} says) and answers each pass's code; the door's tokens are updated. */
    private static Map<String, String> codes(Door door, Map<String, Object> body) {
        var issued = door.tenant.api().withToken(door.adminToken, "POST", "/v1/events/" + Door.EVENT + "/passes", body);
        assertEquals(201, issued.status(), issued.body());
        Map<String, String> codes = new HashMap<>();
        for (JsonNode pass : issued.json().get("passes")) {
            assertTrue(pass.hasNonNull("code"), pass.toString());
            if (pass.has("guest_id")) {
                codes.put(pass.get("guest_id").asText(), pass.get("code").asText());
                door.passes.put(pass.get("guest_id").asText(), pass.get("token").asText());
            } else {
                codes.put("household:" + pass.get("household_id").asText(), pass.get("code").asText());
                door.householdPasses.put(pass.get("household_id").asText(), pass.get("token").asText());
            }
        }
        return codes;
    }

    /** As a person types it: lower case, with a hyphen in the middle. */
    private static String typed(String code) {
        return (code.substring(0, 4) + "-" + code.substring(4)).toLowerCase(Locale.ROOT);
    }

    /** A well-formed code no pass of this event holds. */
    private static String unused(Map<String, String> codes, int n) {
        Set<String> taken = Set.copyOf(codes.values());
        String candidate = String.format("ZZZZ%04d", n);
        return taken.contains(candidate) ? String.format("YYYY%04d", n) : candidate;
    }

    private static Map<String, Object> byCode(String code, long scannedAt) {
        return new HashMap<>(Map.of("checkin_id", UUID.randomUUID().toString(), "code", code, "mode", "code",
                "scanned_at", scannedAt));
    }

}
