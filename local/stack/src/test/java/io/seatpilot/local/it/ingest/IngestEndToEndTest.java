package io.seatpilot.local.it.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.observability.SloMetrics;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sign → ingest → SQS → worker → DynamoDB → stats, through the local stack and real SDK clients. */
class IngestEndToEndTest {

    private static Tenant tenant;
    private static Tenant.Key kiosk;

    @BeforeAll
    static void setUp() {
        tenant = Tenant.create("ingest");
        kiosk = tenant.kioskKey();
    }

    private static JsonNode totals() {
        var answer = tenant.api().withToken(tenant.adminToken(), "GET", "/v1/ingest/stats", null);
        assertEquals(200, answer.status(), answer.body());
        return answer.json().get("totals");
    }

    private static JsonNode awaitTotals(java.util.function.Predicate<JsonNode> done) {
        return Eventually.await(Duration.ofSeconds(20), IngestEndToEndTest::totals, done);
    }

    @Test
    void statsRangesAreValidatedBeforeAnyWork() {
        assertStatsRefused("from", "?from=-120000&to=-60000");
        assertStatsRefused("from", "?from=-9223372036854775807&to=9223372036854775807");
        assertStatsRefused("to", "?from=0&to=9223372036854775807");
        assertStatsRefused("from", "?from=120000&to=60000");
        assertStatsRefused("from", "?from=0&to=" + System.currentTimeMillis());
    }

    private static void assertStatsRefused(String field, String query) {
        var answer = tenant.api().withToken(tenant.adminToken(), "GET", "/v1/ingest/stats" + query, null);
        assertEquals(422, answer.status(), answer.body());
        assertEquals("validation_failed", answer.reason());
        assertEquals(field, answer.json().path("field").asText(), answer.body());
    }

    @Test
    void envelopesStampedBeforeAnythingKeptOrMoreThanFiveMinutesAheadAreRefusedOnTsMs() {
        // a tenant of its own: the accepted envelope is counted later, by the worker, where other tests count theirs
        Tenant own = Tenant.create("ingest-times");
        ObjectNode good = Envelopes.scanStart(own.id());
        ObjectNode epoch = Envelopes.scanStart(own.id()).put("ts_ms", 1);
        ObjectNode ahead = Envelopes.scanStart(own.id()).put("ts_ms", System.currentTimeMillis() + 600_000);
        Api.Answer answer = own.api().signed(own.kioskKey().signer(), "POST", "/v1/events", Envelopes.batch(List.of(good, epoch, ahead)));
        assertEquals(207, answer.status(), answer.body());
        JsonNode results = answer.json().get("results");
        assertEquals("accepted", results.get(0).get("status").asText());
        for (int i = 1; i < 3; i++) {
            assertEquals("rejected", results.get(i).get("status").asText(), answer.body());
            assertEquals("validation_failed", results.get(i).get("reason").asText());
            assertEquals("ts_ms", results.get(i).get("field").asText());
        }
    }

    @Test
    void aSignedEnvelopeIsStoredOnceAndCounted() {
        long before = totals().get("accepted").asLong();
        ObjectNode envelope = Envelopes.scanStart(tenant.id());
        Api.Answer answer = tenant.api().signed(kiosk.signer(), "POST", "/v1/events", envelope.toString());
        assertEquals(202, answer.status(), answer.body());
        assertEquals("accepted", answer.json().get("status").asText());
        assertEquals(1, answer.json().get("accepted").asInt());
        assertTrue(answer.contentType().startsWith("application/json"));

        awaitTotals(t -> t.get("accepted").asLong() == before + 1);
        assertTrue(StoredEvents.exists(tenant, envelope.get("event_id").asText()));
    }

    @Test
    void aBatchWithBadEnvelopesKeepsEveryGoodOneAndQuarantinesTheBad() {
        List<ObjectNode> envelopes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            envelopes.add(Envelopes.scanStart(tenant.id()));
        }
        ObjectNode missing = Envelopes.scanStart(tenant.id());
        missing.remove("session_id");
        ObjectNode badEnum = Envelopes.scanStart(tenant.id());
        ((ObjectNode) badEnum.get("event_meta")).put("platform", "toaster");
        ObjectNode unknown = Envelopes.envelope(tenant.id(), "checkin.teleport", Map.of());
        envelopes.add(3, missing);
        envelopes.add(7, badEnum);
        envelopes.add(unknown);

        Api.Answer answer = tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.batch(envelopes));
        assertEquals(207, answer.status(), answer.body());
        JsonNode results = answer.json().get("results");
        assertEquals(envelopes.size(), results.size());
        for (int i = 0; i < envelopes.size(); i++) {
            assertEquals(envelopes.get(i).get("event_id").asText(), results.get(i).get("event_id").asText(), "results keep the order sent");
        }
        assertEquals("envelope_missing", results.get(3).get("reason").asText());
        assertEquals("session_id", results.get(3).get("field").asText());
        assertEquals("invalid_enum", results.get(7).get("reason").asText());
        assertEquals("unknown_event", results.get(12).get("reason").asText());
        long accepted = 0;
        for (JsonNode result : results) {
            if (result.get("status").asText().equals("accepted")) {
                accepted++;
            }
        }
        assertEquals(10, accepted);

        for (ObjectNode envelope : envelopes) {
            if (envelope != missing && envelope != badEnum && envelope != unknown) {
                String eventId = envelope.get("event_id").asText();
                Eventually.await(Duration.ofSeconds(20), () -> StoredEvents.exists(tenant, eventId), stored -> stored);
            }
        }
        var quarantine = tenant.api().withToken(tenant.adminToken(), "GET", "/v1/ingest/quarantine?reason=invalid_enum&limit=10", null);
        assertEquals(200, quarantine.status(), quarantine.body());
        JsonNode items = quarantine.json().get("items");
        assertTrue(items.size() >= 1);
        JsonNode item = items.get(0);
        assertEquals("invalid_enum", item.get("reason").asText());
        assertEquals(badEnum.get("event_id").asText(), item.get("event_id").asText());
        assertEquals(kiosk.keyId(), item.get("key_id").asText());
        assertTrue(item.get("body").asText().contains("toaster"), "the refused envelope is kept for operators");
        assertTrue(!quarantine.body().contains("x-sig") && !quarantine.body().contains(kiosk.secret()));
    }

    @Test
    void repeatsAreAcceptedButStoredOnceAndConflictsAreQuarantined() {
        JsonNode before = totals();
        ObjectNode envelope = Envelopes.scanStart(tenant.id());
        assertEquals(202, tenant.api().signed(kiosk.signer(), "POST", "/v1/events", envelope.toString()).status());
        awaitTotals(t -> t.get("accepted").asLong() == before.get("accepted").asLong() + 1);
        assertEquals(202, tenant.api().signed(kiosk.signer(), "POST", "/v1/events", envelope.toString()).status());
        awaitTotals(t -> t.get("duplicates").asLong() == before.get("duplicates").asLong() + 1);

        ObjectNode changed = envelope.deepCopy();
        changed.put("session_id", "another-session");
        long mark = SharedStack.get().functionOutput("IngestWorkerFunction").written();
        assertEquals(202, tenant.api().signed(kiosk.signer(), "POST", "/v1/events", changed.toString()).status());
        JsonNode after = awaitTotals(t -> t.path("rejected").path("conflicting_duplicate").asLong() > before.path("rejected").path("conflicting_duplicate").asLong());
        assertEquals(before.get("accepted").asLong() + 1, after.get("accepted").asLong(), "stored once");
        var quarantine = tenant.api().withToken(tenant.adminToken(), "GET", "/v1/ingest/quarantine?reason=conflicting_duplicate", null);
        assertEquals(envelope.get("event_id").asText(), quarantine.json().get("items").get(0).get("event_id").asText());
        // ingest answered 202 for it, so only the worker's figure lets the reject-ratio SLO count it
        Eventually.until(Duration.ofSeconds(10), "the worker's EnvelopesRejected", () -> SharedStack.get()
                .functionOutput("IngestWorkerFunction").since(mark).stream().filter(line -> line.contains("\"_aws\""))
                .map(Json::read).anyMatch(d -> d.path(SloMetrics.ENVELOPES_REJECTED).asDouble() == 1
                        && SloMetrics.INGEST_WORKER_SERVICE.equals(d.path(SloMetrics.DIMENSION).asText())));
    }

    @Test
    void aQuarantinedEnvelopeCanBeReplayedAfterAFix() {
        ObjectNode wrongTenant = Envelopes.scanStart(tenant.id());
        wrongTenant.put("ts_ms", 0);
        Api.Answer refused = tenant.api().signed(kiosk.signer(), "POST", "/v1/events", wrongTenant.toString());
        assertEquals(422, refused.status(), refused.body());
        assertEquals("schema_mismatch", refused.reason());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        var items = tenant.api().withToken(tenant.adminToken(), "GET", "/v1/ingest/quarantine?reason=schema_mismatch", null).json().get("items");
        String id = items.get(0).get("id").asText();
        // The stored body is still invalid, so a replay answers the same refusal and keeps the item.
        Api.Answer replay = tenant.api().withToken(tenant.adminToken(), "POST", "/v1/ingest/quarantine/" + id + "/replay", null);
        assertEquals(422, replay.status(), replay.body());
        Api.Answer unknown = tenant.api().withToken(tenant.adminToken(), "POST", "/v1/ingest/quarantine/0000000000000-nosuchitem/replay", null);
        assertEquals(404, unknown.status());
    }

    @Test
    void anotherTenantSeesNoneOfThisTenantsQuarantineOrStats() {
        Tenant other = Tenant.create("other");
        var quarantine = other.api().withToken(other.adminToken(), "GET", "/v1/ingest/quarantine", null);
        assertEquals(0, quarantine.json().get("items").size());
        assertEquals(0, other.api().withToken(other.adminToken(), "GET", "/v1/ingest/stats", null).json().get("totals").get("accepted").asLong());
    }
}
