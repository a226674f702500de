package io.seatpilot.local.it.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.signing.RequestSigner;
import io.seatpilot.core.signing.StringToSign;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every refusal of SPEC §4–5 through the running stack, each with its status and reason code. */
class SignedIngestRefusalsTest {

    private static Tenant tenant;
    private static Tenant.Key kiosk;

    @BeforeAll
    static void setUp() {
        tenant = Tenant.create("refusals");
        kiosk = tenant.kioskKey();
    }

    private static Api.Answer post(Map<String, String> headers, String body) {
        var all = new HashMap<>(headers);
        all.put("content-type", "application/json");
        return tenant.api().send("POST", "/v1/events", body.getBytes(StandardCharsets.UTF_8), all);
    }

    private static Map<String, String> signedAt(Tenant.Key key, String path, String body, long ts, String nonce) {
        return new RequestSigner(key.keyId(), key.secret()).sign("POST", path, body.getBytes(StandardCharsets.UTF_8), Long.toString(ts), nonce);
    }

    private static void assertRefused(int status, String reason, Api.Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(reason, answer.reason(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
    }

    @Test
    void oversizedBodiesAreRefusedFirst() {
        String single = Envelopes.scanStart(tenant.id()).toString();
        String bigSingle = single.substring(0, single.length() - 1) + " ".repeat(16 * 1024) + "}";
        assertRefused(413, "payload_too_large", post(Map.of(), bigSingle));
        String batch = Envelopes.batch(List.of(Envelopes.scanStart(tenant.id())));
        String bigBatch = batch.substring(0, batch.length() - 1) + " ".repeat(256 * 1024) + "}";
        assertRefused(413, "payload_too_large", post(kiosk.signer().sign("POST", "/v1/events", bigBatch), bigBatch));
        String fineBatch = batch.substring(0, batch.length() - 1) + " ".repeat(32 * 1024) + "}";
        assertEquals(202, post(kiosk.signer().sign("POST", "/v1/events", fineBatch), fineBatch).status(),
                "a batch may exceed the single-envelope limit");
    }

    @Test
    void missingOrMalformedHeaders() {
        String body = Envelopes.scanStart(tenant.id()).toString();
        assertRefused(401, "signature_missing", post(Map.of(), body));
        var headers = new HashMap<>(kiosk.signer().sign("POST", "/v1/events", body));
        headers.put("x-nonce", "no");
        assertRefused(401, "signature_missing", post(headers, body));
    }

    @Test
    void skewInBothDirections() {
        String body = Envelopes.scanStart(tenant.id()).toString();
        long now = System.currentTimeMillis();
        assertRefused(401, "timestamp_skew", post(signedAt(kiosk, "/v1/events", body, now - 301_000, UUID.randomUUID().toString()), body));
        assertRefused(401, "timestamp_skew", post(signedAt(kiosk, "/v1/events", body, now + 301_000, UUID.randomUUID().toString()), body));
        assertEquals(202, post(signedAt(kiosk, "/v1/events", body, now - 240_000, UUID.randomUUID().toString()), body).status(),
                "an upload four minutes late is inside the window");
    }

    @Test
    void unknownKeyAndTamperedRequests() {
        String body = Envelopes.scanStart(tenant.id()).toString();
        var unknown = new HashMap<>(kiosk.signer().sign("POST", "/v1/events", body));
        unknown.put("x-key", tenant.id() + ".AAAAAAAAAAAAAAAAAAAAAA");
        assertRefused(401, "key_invalid", post(unknown, body));

        var headers = kiosk.signer().sign("POST", "/v1/events", body);
        assertRefused(401, "signature_invalid", post(headers, body.replace("qr_scan_start", "ui_render_done")));
        assertRefused(401, "signature_invalid", post(signedAt(kiosk, "/v1/event", body, System.currentTimeMillis(), UUID.randomUUID().toString()), body));
        var ts = new HashMap<>(kiosk.signer().sign("POST", "/v1/events", body));
        ts.put("x-ts", Long.toString(Long.parseLong(ts.get("x-ts")) - 1));
        assertRefused(401, "signature_invalid", post(ts, body));
        var nonce = new HashMap<>(kiosk.signer().sign("POST", "/v1/events", body));
        nonce.put("x-nonce", UUID.randomUUID().toString());
        assertRefused(401, "signature_invalid", post(nonce, body));
        var wrongSecret = new HashMap<>(headers);
        wrongSecret.put("x-sig", StringToSign.signature("not-the-secret", "POST", "/v1/events", headers.get("x-ts"), headers.get("x-nonce"),
                body.getBytes(StandardCharsets.UTF_8)));
        assertRefused(401, "signature_invalid", post(wrongSecret, body));
        assertEquals(202, post(headers, body).status(), "the forged attempts did not burn the genuine nonce");
    }

    @Test
    void aReplayFromASecondClientIsDetected() {
        String body = Envelopes.scanStart(tenant.id()).toString();
        var headers = kiosk.signer().sign("POST", "/v1/events", body);
        assertEquals(202, post(headers, body).status());
        var eavesdropper = new Api(tenant.stack().httpEndpoint());
        var all = new HashMap<>(headers);
        all.put("content-type", "application/json");
        assertRefused(401, "replay_detected", eavesdropper.send("POST", "/v1/events", body.getBytes(StandardCharsets.UTF_8), all));
    }

    @Test
    void aKeyOfOneTenantCannotSendAnotherTenantsEnvelope() {
        Tenant other = Tenant.create("victim");
        String body = Envelopes.scanStart(other.id()).toString();
        assertRefused(403, "tenant_mismatch", tenant.api().signed(kiosk.signer(), "POST", "/v1/events", body));
    }

    @Test
    void aScreenKeyMayNotSendTelemetry() {
        Tenant.Key screen = tenant.issueKey("tv-1", "screen");
        assertRefused(403, "forbidden", tenant.api().signed(screen.signer(), "POST", "/v1/events", Envelopes.scanStart(tenant.id()).toString()));
    }

    @Test
    void aRevokedKeyIsInvalidAtOnce() {
        Tenant.Key key = tenant.issueKey("door-revoked", "kiosk");
        assertEquals(202, tenant.api().signed(key.signer(), "POST", "/v1/events", Envelopes.scanStart(tenant.id()).toString()).status());
        var revoke = tenant.api().withToken(tenant.adminToken(), "DELETE", "/v1/devices/door-revoked/keys/" + key.keyId(), null);
        assertEquals(204, revoke.status(), revoke.body());
        assertRefused(401, "key_invalid", tenant.api().signed(key.signer(), "POST", "/v1/events", Envelopes.scanStart(tenant.id()).toString()));
    }

    @Test
    void rotationKeepsTwoValidKeysAndRetiresTheOldest() {
        Tenant.Key first = tenant.issueKey("door-rotating", "kiosk");
        Tenant.Key second = tenant.issueKey("door-rotating", "kiosk");
        assertNotEquals(first.secret(), second.secret());
        assertEquals(202, tenant.api().signed(first.signer(), "POST", "/v1/events", Envelopes.scanStart(tenant.id()).toString()).status());
        assertEquals(202, tenant.api().signed(second.signer(), "POST", "/v1/events", Envelopes.scanStart(tenant.id()).toString()).status());
        var third = tenant.api().withToken(tenant.adminToken(), "POST", "/v1/devices", Map.of("device_id", "door-rotating", "role", "kiosk"));
        assertEquals(201, third.status());
        assertEquals(List.of(first.keyId()), Api.texts(third.json().get("revoked_key_ids")));
        assertRefused(401, "key_invalid", tenant.api().signed(first.signer(), "POST", "/v1/events", Envelopes.scanStart(tenant.id()).toString()));
        assertEquals(202, tenant.api().signed(second.signer(), "POST", "/v1/events", Envelopes.scanStart(tenant.id()).toString()).status());
    }

    @Test
    void devicesAreManagedByAdminsOfTheirOwnTenantOnly() {
        assertRefused(403, "forbidden", tenant.api().withToken(tenant.token("ops"), "POST", "/v1/devices", Map.of("device_id", "d", "role", "kiosk")));
        Tenant other = Tenant.create("stranger");
        var revoke = other.api().withToken(other.adminToken(), "DELETE", "/v1/devices/" + "kiosk/keys/" + kiosk.keyId(), null);
        assertRefused(404, "not_found", revoke);
        assertEquals(202, tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.scanStart(tenant.id()).toString()).status());
        var bodyTenant = tenant.api().withToken(tenant.adminToken(), "POST", "/v1/devices", Map.of("device_id", "d", "role", "kiosk", "tenant_id", other.id()));
        assertRefused(403, "tenant_mismatch", bodyTenant);
        assertEquals(401, tenant.api().send("POST", "/v1/devices", "{}".getBytes(StandardCharsets.UTF_8), Map.of()).status(),
                "people's routes need a token at the gateway");
    }

    @Test
    void anEventScopedKeyIsRefusedForOtherEvents() {
        var scoped = tenant.api().withToken(tenant.adminToken(), "POST", "/v1/devices",
                Map.of("device_id", "door-gala", "role", "kiosk", "events", List.of("gala-2026")));
        assertEquals(201, scoped.status(), scoped.body());
        var signer = new RequestSigner(scoped.json().get("key_id").asText(), scoped.json().get("secret").asText());
        ObjectNode mine = Envelopes.envelope(tenant.id(), "checkin.qr_scan_start", Map.of("event", "gala-2026"));
        ObjectNode theirs = Envelopes.envelope(tenant.id(), "checkin.qr_scan_start", Map.of("event", "other-party"));
        Api.Answer answer = tenant.api().signed(signer, "POST", "/v1/events", Envelopes.batch(List.of(mine, theirs)));
        assertEquals(207, answer.status(), answer.body());
        assertEquals("accepted", answer.json().get("results").get(0).get("status").asText());
        assertEquals("forbidden", answer.json().get("results").get(1).get("reason").asText());
    }
}
