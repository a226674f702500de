package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.devices.CachedDeviceKeys;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** The door's answers of SPEC §7, through the local stack's gateway with signed kiosk requests. */
class OnlineCheckinTest {

    @Test
    void twoKiosksCheckingInTheSameGuestAtOnceGiveOne201AndOne409AndCountOnce() throws Exception {
        Door door = Door.setUp("race");
        Tenant.Key a = door.tenant.issueKey("door-a", "kiosk");
        Tenant.Key b = door.tenant.issueKey("door-b", "kiosk");
        long now = System.currentTimeMillis();
        CyclicBarrier start = new CyclicBarrier(2);
        var first = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> door.checkIn(a, Door.byPass(door.passes.get("g1"), now))));
        var second = CompletableFuture.supplyAsync(() -> awaitThen(start, () -> door.checkIn(b, Door.byPass(door.passes.get("g1"), now))));
        List<Api.Answer> answers = List.of(first.get(), second.get());

        Set<Integer> statuses = new TreeSet<>(answers.stream().map(Api.Answer::status).toList());
        assertEquals(Set.of(201, 409), statuses, answers.toString());
        Api.Answer won = answers.stream().filter(x -> x.status() == 201).findFirst().orElseThrow();
        Api.Answer lost = answers.stream().filter(x -> x.status() == 409).findFirst().orElseThrow();
        assertEquals("already_checked_in", lost.reason());
        assertEquals("application/problem+json", lost.contentType());
        JsonNode firstCheckin = lost.json().get("first_checkin");
        assertEquals(won.json().get("checkin_id").asText(), firstCheckin.get("checkin_id").asText());
        assertEquals(now, firstCheckin.get("checked_in_at").asLong());
        assertTrue(Set.of("door-a", "door-b").contains(firstCheckin.get("device_id").asText()));
        var counters = door.counters();
        assertEquals(1, counters.checkedIn());
        assertEquals(Map.of("zb", 1L), counters.zones());
    }

    @Test
    void theDoorCardCarriesExactlyWhatTheScreenShows() {
        Door door = Door.setUp("card");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        var answer = door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), System.currentTimeMillis()));

        assertEquals(201, answer.status(), answer.body());
        JsonNode card = answer.json();
        assertEquals("José", card.get("first_name").asText());
        assertEquals("N.", card.get("last_initial").asText());
        assertEquals("B-12", card.get("table_label").asText());
        assertEquals("3", card.get("seat_label").asText());
        assertEquals("B", card.get("zone").get("letter").asText());
        assertEquals("blue", card.get("zone").get("color").asText());
        assertEquals("Zone B, table B-12", card.get("direction").asText());
        assertTrue(card.get("direction").asText().split("\\s+").length <= 7);
        assertFalse(card.get("accessible_route").asBoolean());
        assertFalse(card.get("require_attention").asBoolean());
        assertFalse(answer.body().contains("Núñez"), "never the full last name");
        List<String> fields = new ArrayList<>();
        card.fieldNames().forEachRemaining(fields::add);
        assertEquals(new TreeSet<>(List.of("checkin_id", "checked_in_at", "guest_id", "first_name", "last_initial",
                "table_label", "seat_label", "zone", "direction", "accessible_route", "require_attention", "attention")),
                new TreeSet<>(fields));
    }

    @Test
    void aRetriedCheckinIdGetsTheSameAnswerAndNoSecondEffect() {
        Door door = Door.setUp("retry");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        var body = Door.byPass(door.passes.get("g2"), System.currentTimeMillis());
        var first = door.checkIn(kiosk, body);
        var again = door.checkIn(kiosk, body);

        assertEquals(201, first.status(), first.body());
        assertEquals(200, again.status(), again.body());
        assertEquals(first.json(), again.json());
        assertEquals(1, door.counters().checkedIn());
    }

    @Test
    void aHouseholdPassChecksInTheTickedMembersAndReportsWhoIsMissing() {
        Door door = Door.setUp("household");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        var answer = door.checkIn(kiosk, Map.of("checkin_id", UUID.randomUUID().toString(),
                "household_pass", door.householdPasses.get("h1"), "guest_ids", List.of("h1a", "h1c"),
                "mode", "household", "scanned_at", System.currentTimeMillis()));

        assertEquals(201, answer.status(), answer.body());
        JsonNode household = answer.json().get("household");
        assertEquals(4, household.get("expected").asInt());
        assertEquals(2, household.get("arrived").asInt());
        assertEquals(Set.of("Luis", "Pablo"), new TreeSet<>(Api.texts(household.get("missing"))));
        assertEquals(2, answer.json().get("guests").size());
        assertEquals(2, door.counters().checkedIn());

        var later = door.checkIn(kiosk, Map.of("checkin_id", UUID.randomUUID().toString(),
                "household_pass", door.householdPasses.get("h1"), "guest_ids", List.of("h1a", "h1b"),
                "mode", "household", "scanned_at", System.currentTimeMillis()));
        assertEquals(201, later.status(), later.body());
        assertEquals(1, later.json().get("guests").size());
        assertEquals("h1a", later.json().get("already_checked_in").get(0).get("guest_id").asText());
        assertEquals(List.of("Pablo"), Api.texts(later.json().get("household").get("missing")));
        assertEquals(3, door.counters().checkedIn());
    }

    @Test
    void clientTimesBeforeAnythingKeptOrMoreThanFiveMinutesAheadAreRefused() {
        Door door = Door.setUp("client-times");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        long now = System.currentTimeMillis();
        for (long scannedAt : new long[] {1, now - 91L * 24 * 3_600_000, now + 10 * 60_000}) {
            var refused = door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), scannedAt));
            assertEquals(422, refused.status(), refused.body());
            assertEquals("validation_failed", refused.reason());
            assertEquals("scanned_at", refused.json().get("field").asText());
        }
        assertEquals(0, door.counters().checkedIn());
        assertEquals(201, door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), now)).status());
        for (long arrivedAt : new long[] {1, now + 10 * 60_000}) {
            var refused = door.tenant.api().signed(kiosk.signer(), "POST", "/v1/events/" + Door.EVENT + "/arrivals",
                    Json.write(Map.of("pass", door.passes.get("g1"), "table_id", "t1", "confirm_mode", "qr", "arrived_at", arrivedAt)));
            assertEquals(422, refused.status(), refused.body());
            assertEquals("arrived_at", refused.json().get("field").asText());
        }
        assertEquals(0, door.counters().arrived());
    }

    @Test
    void refusalsNameTheirReason() {
        Door door = Door.setUp("refusals");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        long now = System.currentTimeMillis();

        var declined = door.checkIn(kiosk, Door.byPass(door.passes.get("g3"), now));
        assertEquals(403, declined.status(), declined.body());
        assertEquals("not_invited", declined.reason());

        var unknown = door.checkIn(kiosk, Door.byPass("A".repeat(32) + door.tenant.id(), now));
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals("pass_unknown", unknown.reason());

        var notOnEvent = door.checkIn(kiosk, Map.of("checkin_id", UUID.randomUUID().toString(), "guest_id", "nobody",
                "mode", "name", "scanned_at", now));
        assertEquals(403, notOnEvent.status());
        assertEquals("not_invited", notOnEvent.reason());

        var badBody = door.checkIn(kiosk, Map.of("checkin_id", "not-a-uuid", "guest_id", "g1", "mode", "name", "scanned_at", now));
        assertEquals(422, badBody.status());
        assertEquals("checkin_id", badBody.json().get("field").asText());

        Map<String, Object> otherTenant = Door.byPass(door.passes.get("g1"), now);
        otherTenant.put("tenant_id", "someone-else");
        var mismatch = door.checkIn(kiosk, otherTenant);
        assertEquals(403, mismatch.status(), mismatch.body());
        assertEquals("tenant_mismatch", mismatch.reason());

        var screen = door.tenant.issueKey("tv-1", "screen");
        assertEquals(403, door.checkIn(screen, Door.byPass(door.passes.get("g1"), now)).status());
        assertEquals(0, door.counters().checkedIn());
    }

    @Test
    void aPassIssuedAgainReplacesTheOldOneWhichIsThenUnknown() {
        Door door = Door.setUp("reissue");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        String oldGuestPass = door.passes.get("h1a");
        String oldHouseholdPass = door.householdPasses.get("h1");
        var again = door.tenant.api().withToken(door.adminToken, "POST", "/v1/events/" + Door.EVENT + "/passes",
                Map.of("guest_ids", List.of("h1a"), "households", true));
        assertEquals(201, again.status(), again.body());
        Map<String, String> fresh = new java.util.HashMap<>();
        again.json().get("passes").forEach(p -> fresh.put(p.has("guest_id") ? p.get("guest_id").asText()
                : "household:" + p.get("household_id").asText(), p.get("token").asText()));
        assertEquals(Set.of("h1a", "household:h1"), fresh.keySet());
        long now = System.currentTimeMillis();

        var old = door.checkIn(kiosk, Door.byPass(oldGuestPass, now));
        assertEquals(404, old.status(), old.body());
        assertEquals("pass_unknown", old.reason());
        assertEquals(404, door.tenant.api().send("GET", "/v1/passes/" + oldGuestPass, null, Map.of()).status());
        var oldHousehold = door.checkIn(kiosk, Map.of("checkin_id", UUID.randomUUID().toString(),
                "household_pass", oldHouseholdPass, "guest_ids", List.of("h1b"), "mode", "household", "scanned_at", now));
        assertEquals(404, oldHousehold.status(), oldHousehold.body());
        assertEquals("pass_unknown", oldHousehold.reason());
        assertEquals(0, door.counters().checkedIn());

        assertEquals(201, door.checkIn(kiosk, Door.byPass(fresh.get("h1a"), now)).status());
        var household = door.checkIn(kiosk, Map.of("checkin_id", UUID.randomUUID().toString(),
                "household_pass", fresh.get("household:h1"), "guest_ids", List.of("h1b"), "mode", "household", "scanned_at", now));
        assertEquals(201, household.status(), household.body());
        // passes of guests not issued again stay as they were
        assertEquals(200, door.tenant.api().send("GET", "/v1/passes/" + door.passes.get("h1c"), null, Map.of()).status());
        assertEquals(201, door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), now)).status());
        assertEquals(3, door.counters().checkedIn());
    }

    @Test
    void aRevokedKioskKeyIsRefusedAtTheDoorWithinTheKeyCacheBound() {
        Door door = Door.setUp("revoked-door");
        Tenant.Key kiosk = door.tenant.issueKey("door-r", "kiosk");
        long now = System.currentTimeMillis();
        assertEquals(201, door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), now)).status());
        var revoke = door.tenant.api().withToken(door.adminToken, "DELETE", "/v1/devices/door-r/keys/" + kiosk.keyId(), null);
        assertEquals(204, revoke.status(), revoke.body());
        long revokedAt = System.nanoTime();
        // the door keeps key records for a few seconds (CachedDeviceKeys.DOOR_LIFETIME); after that, never again
        Api.Answer answer;
        do {
            answer = door.checkIn(kiosk, Door.byPass(door.passes.get("g2"), System.currentTimeMillis()));
        } while (answer.status() != 401 && System.nanoTime() - revokedAt < CachedDeviceKeys.DOOR_LIFETIME.plusSeconds(3).toNanos()
                && sleep(200));
        assertEquals(401, answer.status(), answer.body());
        assertEquals("key_invalid", answer.reason());
        assertTrue(System.nanoTime() - revokedAt <= CachedDeviceKeys.DOOR_LIFETIME.plusSeconds(3).toNanos());
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The door records a kiosk's nonce beside its first reads; a replay must still be refused before any write and
     * before any other answer.
     */
    @Test
    void aReplayedDoorRequestIsRefusedFirstAndWritesNothing() {
        Door door = Door.setUp("door-replay");
        Tenant.Key a = door.tenant.issueKey("door-a", "kiosk");
        Tenant.Key b = door.tenant.issueKey("door-b", "kiosk");
        long now = System.currentTimeMillis();
        var first = door.checkIn(a, Door.byPass(door.passes.get("g1"), now));
        assertEquals(201, first.status(), first.body());
        String path = "/v1/events/" + Door.EVENT + "/checkins";
        byte[] lost = Json.write(Door.byPass(door.passes.get("g1"), now)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> lostHeaders = signedHeaders(b, "POST", path, lost);
        assertEquals(409, door.tenant.api().send("POST", path, lost, lostHeaders).status());
        var undo = door.tenant.api().signed(a.signer(), "POST", path + "/" + first.json().get("checkin_id").asText() + "/undo", "");
        assertEquals(201, undo.status(), undo.body());

        // were the replay to write before its nonce is confirmed, the freed guest would now be checked in
        var replayed = door.tenant.api().send("POST", path, lost, lostHeaders);
        assertEquals(401, replayed.status(), replayed.body());
        assertEquals("replay_detected", replayed.reason());
        assertTrue(door.store().state(door.tenant.id(), Door.EVENT, "g1").isEmpty());
        assertEquals(0, door.counters().checkedIn());

        byte[] unknown = Json.write(Door.byPass("A".repeat(32) + door.tenant.id(), now)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> unknownHeaders = signedHeaders(b, "POST", path, unknown);
        assertEquals(404, door.tenant.api().send("POST", path, unknown, unknownHeaders).status());
        var replayedRefusal = door.tenant.api().send("POST", path, unknown, unknownHeaders);
        assertEquals("replay_detected", replayedRefusal.reason(), replayedRefusal.body());

        String search = "/v1/events/" + Door.EVENT + "/guests/search";
        Map<String, String> searchHeaders = signedHeaders(b, "GET", search, new byte[0]);
        var found = door.tenant.api().send("GET", search + "?q=jose", null, searchHeaders);
        assertEquals(200, found.status(), found.body());
        assertEquals("replay_detected", door.tenant.api().send("GET", search + "?q=jose", null, searchHeaders).reason());
    }

    /**
     * The door reads a scan's pass and party beside its kiosk's secret, before the signature is checked: a request
     * whose signature fails must still be refused as before, with nothing of what was read in its answer and nothing
     * written — and the same scan signed right is then checked in.
     */
    @Test
    void aScanSignedWrongWithAValidPassIs401WithNothingReadInItsAnswerAndWritesNothing() {
        Door door = Door.setUp("door-badsig");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        String path = "/v1/events/" + Door.EVENT + "/checkins";
        byte[] scan = Json.write(Door.byPass(door.passes.get("g1"), System.currentTimeMillis())).getBytes(StandardCharsets.UTF_8);
        Map<String, String> forged = signedHeaders(kiosk, "POST", path, scan);
        String signature = forged.get("x-sig");
        forged.put("x-sig", (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1));

        var output = SharedStack.get().functionOutput("CheckinFunction");
        long mark = output.written();

        var refused = door.tenant.api().send("POST", path, scan, forged);

        assertEquals(401, refused.status(), refused.body());
        assertEquals("signature_invalid", refused.reason());
        assertFalse(refused.body().contains("g1") || refused.body().contains("José") || refused.body().contains("t12"),
                refused.body());
        Eventually.until(Duration.ofSeconds(10), "the refusal's log line",
                () -> output.since(mark).stream().anyMatch(line -> line.contains("signature_invalid")));
        for (String line : output.since(mark)) {
            assertFalse(line.contains("José") || line.contains("Núñez") || line.contains(door.passes.get("g1")), line);
        }
        assertTrue(door.store().state(door.tenant.id(), Door.EVENT, "g1").isEmpty());
        assertEquals(0, door.counters().checkedIn());
        var signed = door.tenant.api().send("POST", path, scan, signedHeaders(kiosk, "POST", path, scan));
        assertEquals(201, signed.status(), signed.body());
        assertEquals(1, door.counters().checkedIn());
    }

    /** Headers of one signed request, kept to send it again byte for byte. */
    private static Map<String, String> signedHeaders(Tenant.Key key, String method, String path, byte[] body) {
        Map<String, String> headers = new HashMap<>(key.signer().sign(method, path, body));
        headers.put("content-type", "application/json");
        return headers;
    }

    @Test
    void aGuestOfAnotherTenantIsNotFoundThroughThisTenantsKiosk() {
        Door tenantB = Door.setUp("tenant-b");
        Tenant tenantA = Tenant.create("tenant-a");
        Tenant.Key kioskOfA = tenantA.issueKey("door-a", "kiosk");
        long now = System.currentTimeMillis();

        var byPass = tenantA.api().signed(kioskOfA.signer(), "POST", "/v1/events/" + Door.EVENT + "/checkins",
                io.seatpilot.core.json.Json.write(Door.byPass(tenantB.passes.get("g1"), now)));
        assertEquals(404, byPass.status(), byPass.body());
        var byGuest = tenantA.api().signed(kioskOfA.signer(), "POST", "/v1/events/" + Door.EVENT + "/checkins",
                io.seatpilot.core.json.Json.write(Map.of("checkin_id", UUID.randomUUID().toString(), "guest_id", "g1",
                        "mode", "name", "scanned_at", now)));
        assertEquals(404, byGuest.status(), byGuest.body());
        assertEquals(0, tenantB.counters().checkedIn());
    }

    @Test
    void undoWithinTheWindowRestoresTheCountWhateverTheScanTimeSays() {
        Door door = Door.setUp("undo");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        Tenant.Key other = door.tenant.issueKey("door-b", "kiosk");
        long now = System.currentTimeMillis();
        Map<String, Object> recentBody = Door.byPass(door.passes.get("g1"), now);
        var recent = door.checkIn(kiosk, recentBody);
        var old = door.checkIn(kiosk, Door.byPass(door.passes.get("g2"), now - 16 * 60_000L));
        assertEquals(201, recent.status());
        assertEquals(201, old.status());
        assertEquals(2, door.counters().checkedIn());

        var byOtherDevice = undo(door, other, recent.json().get("checkin_id").asText());
        assertEquals(403, byOtherDevice.status(), byOtherDevice.body());
        // the window runs from the server's recording (UndoWindowTest moves the server's clock past it)
        assertEquals(201, undo(door, kiosk, old.json().get("checkin_id").asText()).status(), "scanned 16 minutes ago, recorded now");
        assertEquals(1, door.counters().checkedIn());
        var undone = undo(door, kiosk, recent.json().get("checkin_id").asText());
        assertEquals(201, undone.status(), undone.body());
        assertEquals(200, undo(door, kiosk, recent.json().get("checkin_id").asText()).status());
        assertEquals(0, door.counters().checkedIn());
        assertNull(door.store().state(door.tenant.id(), Door.EVENT, "g1").orElse(null));
        var resent = door.checkIn(kiosk, recentBody);
        assertEquals(422, resent.status(), resent.body());
        assertEquals("checkin_id", resent.json().get("field").asText());
        assertEquals(0, door.counters().checkedIn());

        var again = door.checkIn(other, Door.byPass(door.passes.get("g1"), System.currentTimeMillis()));
        assertEquals(201, again.status(), again.body());
        assertEquals(1, door.counters().checkedIn());
    }

    @Test
    void staffCheckInWithTheirJwtAndOpsMayUndoAKiosksCheckin() {
        Door door = Door.setUp("staff");
        Tenant.Key kiosk = door.tenant.issueKey("door-a", "kiosk");
        String path = "/v1/events/" + Door.EVENT + "/checkins";
        long now = System.currentTimeMillis();

        var byStaff = door.tenant.api().withToken(door.tenant.token("staff"), "POST", path, Door.byPass(door.passes.get("g2"), now));
        assertEquals(201, byStaff.status(), byStaff.body());
        var byViewer = door.tenant.api().withToken(door.tenant.token("viewer"), "POST", path, Door.byPass(door.passes.get("g1"), now));
        assertEquals(403, byViewer.status(), byViewer.body());
        var forged = door.tenant.api().withToken("not.a.token", "POST", path, Door.byPass(door.passes.get("g1"), now));
        assertEquals(401, forged.status(), forged.body());

        String byKiosk = door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), now)).json().get("checkin_id").asText();
        String undoPath = path + "/" + byKiosk + "/undo";
        assertEquals(403, door.tenant.api().withToken(door.tenant.token("staff"), "POST", undoPath, null).status());
        var byOps = door.tenant.api().withToken(door.tenant.token("ops"), "POST", undoPath, null);
        assertEquals(201, byOps.status(), byOps.body());
        assertEquals(1, door.counters().checkedIn());
    }

    private static Api.Answer undo(Door door, Tenant.Key kiosk, String checkinId) {
        return door.tenant.api().signed(kiosk.signer(), "POST",
                "/v1/events/" + Door.EVENT + "/checkins/" + checkinId + "/undo", "");
    }

    private static <T> T awaitThen(CyclicBarrier barrier, java.util.function.Supplier<T> action) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return action.get();
    }
}
