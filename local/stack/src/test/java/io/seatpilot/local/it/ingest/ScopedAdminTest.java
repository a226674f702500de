package io.seatpilot.local.it.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC §14: an admin whose token names events issues, revokes, lists and replays within those events only. */
class ScopedAdminTest {

    private static Tenant tenant;
    private static String scopedAdmin;

    @BeforeAll
    static void setUp() {
        tenant = Tenant.create("scoped-admin");
        scopedAdmin = tenant.stack().issueToken(tenant.id(), List.of("admin"), List.of("e1-gala"));
    }

    private static Api.Answer asScoped(String method, String path, Object body) {
        return tenant.api().withToken(scopedAdmin, method, path, body);
    }

    private static void assertForbidden(Api.Answer answer) {
        assertEquals(403, answer.status(), answer.body());
        assertEquals("forbidden", answer.reason());
    }

    @Test
    void aScopedAdminIssuesKeysWithinItsEventsOnly() {
        assertForbidden(asScoped("POST", "/v1/devices", Map.of("device_id", "door-1", "role", "kiosk")));
        assertForbidden(asScoped("POST", "/v1/devices",
                Map.of("device_id", "door-1", "role", "kiosk", "events", List.of("e1-gala", "e2-gala"))));

        Api.Answer issued = asScoped("POST", "/v1/devices", Map.of("device_id", "door-1", "role", "kiosk", "events", List.of("e1-gala")));
        assertEquals(201, issued.status(), issued.body());
        assertEquals(List.of("e1-gala"), Api.texts(issued.json().get("events")));
    }

    @Test
    void aScopedAdminRevokesOnlyKeysWhollyWithinItsEvents() {
        Tenant.Key everyEvent = tenant.issueKey("door-2", "kiosk");
        Tenant.Key otherEvent = tenant.issueKey("door-2", "kiosk", List.of("e2-gala"));
        Tenant.Key mixed = tenant.issueKey("door-3", "kiosk", List.of("e1-gala", "e2-gala"));
        assertForbidden(asScoped("DELETE", "/v1/devices/door-2/keys/" + everyEvent.keyId(), null));
        assertForbidden(asScoped("DELETE", "/v1/devices/door-2/keys/" + otherEvent.keyId(), null));
        assertForbidden(asScoped("DELETE", "/v1/devices/door-3/keys/" + mixed.keyId(), null));
        Api.Answer stillValid = tenant.api().signed(otherEvent.signer(), "POST", "/v1/events", Envelopes.scanStart(tenant.id()).toString());
        assertEquals(202, stillValid.status(), stillValid.body());

        Api.Answer own = asScoped("POST", "/v1/devices", Map.of("device_id", "door-4", "role", "kiosk", "events", List.of("e1-gala")));
        String ownKey = own.json().get("key_id").asText();
        assertEquals(404, asScoped("DELETE", "/v1/devices/door-9/keys/" + ownKey, null).status(), "the key of another device");
        assertEquals(204, asScoped("DELETE", "/v1/devices/door-4/keys/" + ownKey, null).status());
    }

    @Test
    void aScopedAdminSeesAndReplaysOnlyTheQuarantineOfItsEvents() {
        Tenant.Key kiosk = tenant.kioskKey();
        String inScope = refuse(kiosk, "e1-gala");
        String outOfScope = refuse(kiosk, "e2-gala");
        Api.Answer unparsable = tenant.api().signed(kiosk.signer(), "POST", "/v1/events", "{not json");
        assertEquals(400, unparsable.status(), unparsable.body());

        Api.Answer all = tenant.api().withToken(tenant.adminToken(), "GET", "/v1/ingest/quarantine", null);
        assertEquals(3, all.json().get("items").size(), all.body());
        Api.Answer scoped = asScoped("GET", "/v1/ingest/quarantine", null);
        assertEquals(200, scoped.status(), scoped.body());
        assertEquals(List.of(inScope), ids(scoped));
        assertEquals("e1-gala", scoped.json().get("items").get(0).get("event").asText());

        String outOfScopeId = idOf(all, outOfScope);
        assertForbidden(asScoped("POST", "/v1/ingest/quarantine/" + outOfScopeId + "/replay", null));
        String unparsableId = idOf(all, null);
        assertForbidden(asScoped("POST", "/v1/ingest/quarantine/" + unparsableId + "/replay", null));
        Api.Answer replayed = asScoped("POST", "/v1/ingest/quarantine/" + idOf(all, inScope) + "/replay", null);
        assertEquals(422, replayed.status(), "replayed, and still refused as before: " + replayed.body());
    }

    @Test
    void tenantWideIngestStatsAreForUnscopedAdmins() {
        assertForbidden(asScoped("GET", "/v1/ingest/stats", null));
        assertEquals(200, tenant.api().withToken(tenant.adminToken(), "GET", "/v1/ingest/stats", null).status());
    }

    /** Sends an envelope about {@code event} that the schema refuses; answers its event_id. */
    private static String refuse(Tenant.Key kiosk, String event) {
        ObjectNode envelope = Envelopes.schemaMismatch(tenant.id(), event);
        Api.Answer refused = tenant.api().signed(kiosk.signer(), "POST", "/v1/events", envelope.toString());
        assertEquals(422, refused.status(), refused.body());
        return envelope.get("event_id").asText();
    }

    private static List<String> ids(Api.Answer list) {
        List<String> ids = new ArrayList<>();
        list.json().get("items").forEach(item -> ids.add(item.path("event_id").textValue()));
        return ids;
    }

    private static String idOf(Api.Answer list, String eventId) {
        for (var item : list.json().get("items")) {
            if (Objects.equals(eventId, item.path("event_id").textValue())) {
                return item.get("id").asText();
            }
        }
        throw new AssertionError("no quarantined item for " + eventId + " in " + list.body());
    }
}
