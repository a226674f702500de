package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The door list (SPEC §15) through the local stack: what an offline kiosk works from, and what it must never hold. */
class DoorListTest {

    private static final String PATH = "/v1/events/" + Door.EVENT + "/doorlist";
    private static Door door;
    private static Tenant.Key kiosk;

    @BeforeAll
    static void setUp() {
        door = Door.setUp("doorlist");
        kiosk = door.tenant.issueKey("door-list", "kiosk");
    }

    @Test
    void listsTheExpectedGuestsWithHashesOnlyAndNoLastNames() throws Exception {
        var answer = fetch(Map.of());
        assertEquals(200, answer.status(), answer.body());
        JsonNode list = answer.json();
        assertEquals(Door.EVENT, list.get("event_id").asText());
        Map<String, JsonNode> guests = new TreeMap<>();
        list.get("guests").forEach(g -> guests.put(g.get("guest_id").asText(), g));
        assertEquals(List.of("g1", "g2", "h1a", "h1b", "h1c", "h1d"), List.copyOf(guests.keySet()), "declined guests are left out");

        JsonNode jose = guests.get("g1");
        assertEquals("José", jose.get("first_name").asText());
        assertEquals("N.", jose.get("last_initial").asText());
        assertEquals("B-12", jose.get("table_label").asText());
        assertEquals("3", jose.get("seat_label").asText());
        assertEquals("B", jose.get("zone").get("letter").asText());
        assertEquals("Zona B, mesa B-12", jose.get("direction").get("es").asText());
        assertEquals(List.of(sha256(door.passes.get("g1"))), Api.texts(jose.get("pass_hashes")));
        assertEquals(List.of("jos", "nun"), Api.texts(jose.get("name_keys")));

        JsonNode hashing = list.get("code_hashing");
        assertEquals("PBKDF2-SHA256", hashing.get("algorithm").asText());
        assertTrue(hashing.get("iterations").asInt() >= 1_000, hashing.toString());
        assertEquals(pbkdf2(door.codes.get("g1"), hashing), jose.get("code_hash").asText(),
                "the code's hash is PBKDF2 under the event's salt and cost, as the list states them");
        JsonNode household = list.get("households").get(0);
        assertEquals("h1", household.get("id").asText());
        assertEquals(List.of(sha256(door.householdPasses.get("h1"))), Api.texts(household.get("pass_hashes")));
        assertEquals(pbkdf2(door.codes.get("household:h1"), hashing), household.get("code_hash").asText());
        assertEquals(List.of("h1a", "h1b", "h1c", "h1d"), Api.texts(household.get("members")));

        for (String secret : List.of("Núñez", "Ortiz", "Ruiz", "Byrne", "Declan", "Iker")) {
            assertFalse(answer.body().contains(secret), "the door list holds " + secret);
        }
        for (String token : door.passes.values()) {
            assertFalse(answer.body().contains(token), "the door list holds a pass token");
        }
        for (String code : door.codes.values()) {
            assertFalse(answer.body().contains(code), "the door list holds a short code in clear");
        }
    }

    @Test
    void anUnchangedListAnswers304AndACheckInChangesIt() {
        var first = fetch(Map.of());
        String etag = first.header("etag").orElseThrow();
        assertEquals("private, no-cache", first.header("cache-control").orElseThrow());
        var same = fetch(Map.of("if-none-match", etag));
        assertEquals(304, same.status(), same.body());
        assertEquals("", same.body());
        assertEquals(etag, same.header("etag").orElseThrow());
        assertEquals(304, fetch(Map.of("if-none-match", "\"other\", W/" + etag)).status(), "weak comparison, lists");

        var checkin = door.checkIn(kiosk, Door.byPass(door.passes.get("g2"), System.currentTimeMillis()));
        assertEquals(201, checkin.status(), checkin.body());
        var changed = fetch(Map.of("if-none-match", etag));
        assertEquals(200, changed.status(), changed.body());
        assertNotEquals(etag, changed.header("etag").orElseThrow());
        assertTrue(Api.texts(changed.json().get("checked_in")).contains("g2"), changed.body());
    }

    @Test
    void kiosksAndDoorPeopleReadItOthersDoNot() {
        for (String role : List.of("staff", "ops", "admin")) {
            var answer = door.tenant.api().withToken(door.tenant.volunteer(1, role), "GET", PATH, null);
            assertEquals(200, answer.status(), role + ": " + answer.body());
        }
        for (String role : List.of("planner", "viewer")) {
            var answer = door.tenant.api().withToken(door.tenant.volunteer(1, role), "GET", PATH, null);
            assertEquals(403, answer.status(), role + ": " + answer.body());
            assertEquals("forbidden", answer.reason());
        }
        var screen = door.tenant.api().signed(door.tenant.issueKey("tv-1", "screen").signer(), "GET", PATH, "");
        assertEquals(403, screen.status(), screen.body());

        Tenant other = Tenant.create("doorlist-other");
        var otherKiosk = other.api().signed(other.issueKey("door-x", "kiosk").signer(), "GET", PATH, "");
        assertEquals(404, otherKiosk.status(), otherKiosk.body());
        assertEquals("not_found", otherKiosk.reason());
        var otherAdmin = other.api().withToken(other.adminToken(), "GET", PATH, null);
        assertEquals(404, otherAdmin.status(), otherAdmin.body());
    }

    private static Api.Answer fetch(Map<String, String> extra) {
        var headers = new java.util.HashMap<>(kiosk.signer().sign("GET", PATH, new byte[0]));
        headers.putAll(extra);
        return door.tenant.api().send("GET", PATH, null, headers);
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static String pbkdf2(String code, JsonNode hashing) throws Exception {
        var spec = new PBEKeySpec(code.toCharArray(), HexFormat.of().parseHex(hashing.get("salt").asText()),
                hashing.get("iterations").asInt(), hashing.get("length_bits").asInt());
        return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
    }
}
