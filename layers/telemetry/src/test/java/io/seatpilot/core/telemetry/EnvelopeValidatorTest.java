package io.seatpilot.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import org.junit.jupiter.api.Test;

class EnvelopeValidatorTest {

    private static final EnvelopeValidator VALIDATOR = new EnvelopeValidator(new EventSchemas());

    static ObjectNode envelope() {
        return (ObjectNode) Json.tree(java.util.Map.of(
                "schema_version", "1.1.0",
                "event_id", "8a3b2558-37bd-4a6b-8736-c16677b7c19d",
                "tenant_id", "demo",
                "event_name", "checkin_success",
                "session_id", "s-1",
                "ts_ms", 1767312000000L,
                "event_meta", java.util.Map.of("app_channel", "kiosk", "platform", "kiosk", "app_version", "3.4.1", "sdk_version", "1.1.0"),
                "payload", java.util.Map.of("event", "demo-gala", "guest_id", "g-1", "mode", "qr")));
    }

    private static EnvelopeCheck check(ObjectNode envelope, String tenant) {
        return VALIDATOR.validate(envelope, envelope.toString().length(), tenant);
    }

    @Test
    void legacyNamesAreMappedToCanonical() {
        var valid = assertInstanceOf(EnvelopeCheck.Valid.class, check(envelope(), "demo"));
        assertEquals("checkin.success", valid.envelope().eventName());
        assertEquals("checkin.success", valid.envelope().envelope().get("event_name").asText());
    }

    @Test
    void anotherTenantsEnvelopeIsRefused() {
        var rejected = assertInstanceOf(EnvelopeCheck.Rejected.class, check(envelope(), "other"));
        assertEquals("tenant_mismatch", rejected.problem().reason());
        assertEquals(403, rejected.problem().status());
    }

    @Test
    void unknownPropertiesAreRefusedNotStripped() {
        ObjectNode e = envelope();
        e.put("extra", 1);
        assertEquals("schema_mismatch", ((EnvelopeCheck.Rejected) check(e, "demo")).problem().reason());
        ObjectNode p = envelope();
        ((ObjectNode) p.get("payload")).put("guest_name", "José");
        assertEquals("schema_mismatch", ((EnvelopeCheck.Rejected) check(p, "demo")).problem().reason());
    }

    @Test
    void envelopeEnumViolationIsInvalidEnumWithItsField() {
        ObjectNode e = envelope();
        ((ObjectNode) e.get("event_meta")).put("platform", "toaster");
        var problem = ((EnvelopeCheck.Rejected) check(e, "demo")).problem();
        assertEquals("invalid_enum", problem.reason());
        assertEquals("event_meta.platform", problem.field());
    }

    @Test
    void unknownEventAndUnknownMajor() {
        ObjectNode e = envelope();
        e.put("event_name", "checkin.teleported");
        assertEquals("unknown_event", ((EnvelopeCheck.Rejected) check(e, "demo")).problem().reason());
        ObjectNode v = envelope();
        v.put("schema_version", "2.0.0");
        assertEquals("schema_version_unsupported", ((EnvelopeCheck.Rejected) check(v, "demo")).problem().reason());
    }

    @Test
    void payloadViolationsAreSchemaMismatchNamingTheField() {
        ObjectNode e = envelope();
        ((ObjectNode) e.get("payload")).put("mode", "telepathy");
        var problem = ((EnvelopeCheck.Rejected) check(e, "demo")).problem();
        assertEquals("schema_mismatch", problem.reason());
        assertEquals("payload.mode", problem.field());
    }

    @Test
    void freeFamiliesAcceptAnyNameButLimitPayloadSize() {
        ObjectNode e = envelope();
        e.put("event_name", "quality.frame_drop");
        e.set("payload", Json.tree(java.util.Map.of("fps", 12)));
        assertInstanceOf(EnvelopeCheck.Valid.class, check(e, "demo"));
        e.set("payload", Json.tree(java.util.Map.of("blob", "x".repeat(5000))));
        assertEquals("schema_mismatch", ((EnvelopeCheck.Rejected) check(e, "demo")).problem().reason());
    }

    @Test
    void contentHashIgnoresKeyOrderButNotValues() {
        ObjectNode a = (ObjectNode) Json.tree(java.util.Map.of("x", 1, "y", 2));
        ObjectNode b = Json.MAPPER.createObjectNode().put("y", 2).put("x", 1);
        ObjectNode c = Json.MAPPER.createObjectNode().put("y", 3).put("x", 1);
        assertEquals(ContentHash.of(a), ContentHash.of(b));
        assertNotEquals(ContentHash.of(a), ContentHash.of(c));
    }

    @Test
    void oversizedEnvelopeIsTooLarge() {
        var rejected = (EnvelopeCheck.Rejected) VALIDATOR.validate(envelope(), 17 * 1024, "demo");
        assertEquals("payload_too_large", rejected.problem().reason());
        assertEquals(413, rejected.problem().status());
    }

    /** The hash of events stored by earlier releases: changing it would turn every re-sent event into a conflict. */
    @Test
    void contentHashIsTheOneEarlierReleasesStored() {
        var node = Json.read("{\"b\":[1,2.50,{\"z\":\"é\\u0001\\\"x\",\"a\":null}],\"a\":{\"y\":true,\"x\":-0.0001e-9},"
                + "\"ü\\n\":12345678901234567890,\"c\":1.0}");
        assertEquals("ae9487046c656729275ff7a099537b493a4d657b8a365493df19d79e6e3f59fc", ContentHash.of(node));
    }
}
