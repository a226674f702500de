package io.seatpilot.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.telemetry.SchemaCheck.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The one walk that checks an envelope and its payload while writing the content hash (issue 16) accepts exactly
 * what the compiled checks accept one schema at a time, with the same hash, and each rule still refuses through it.
 */
class CheckedWhileHashedTest {

    private static final EventSchemas SCHEMAS = new EventSchemas();
    private static final EnvelopeValidator VALIDATOR = new EnvelopeValidator(SCHEMAS);

    /** What the walk answers for an envelope with a canonical, catalogued name. */
    private static Optional<String> walked(ObjectNode envelope) {
        CompiledSchema payload = SCHEMAS.payload(envelope.get("event_name").asText()).orElseThrow();
        return ContentHash.ifValid(envelope, SCHEMAS.envelope().fast(), "payload", payload.fast());
    }

    /** A canonical check-in, valid as it is. */
    private static ObjectNode checkin() {
        ObjectNode envelope = EnvelopeValidatorTest.envelope().put("event_name", "checkin.success");
        ((ObjectNode) envelope.get("payload")).put("guest_id_hash", "3f7a9c2e41b8d6f05e1a7c9b2d4f6e8a");
        return envelope;
    }

    @Test
    void agreesWithTheSchemasOneAtATimeOnEveryVariant() throws IOException {
        int walkedValid = 0;
        int compared = 0;
        for (ObjectNode envelope : SchemaCheckTest.corpus()) {
            // each field of the envelope changed, then each field of its payload changed
            List<ObjectNode> candidates = new ArrayList<>(SchemaCheckTest.variants(envelope));
            SchemaCheckTest.variants(envelope.get("payload"))
                    .forEach(payload -> candidates.add(envelope.deepCopy().set("payload", payload)));
            for (ObjectNode candidate : candidates) {
                JsonNode name = candidate.get("event_name");
                var payloadSchema = name == null ? Optional.<CompiledSchema>empty() : SCHEMAS.payload(name.asText());
                if (payloadSchema.isEmpty()) {
                    continue;
                }
                Optional<String> hash = ContentHash.ifValid(candidate, SCHEMAS.envelope().fast(), "payload",
                        payloadSchema.get().fast());
                boolean bothValid = SCHEMAS.envelope().fast().check(candidate) == Verdict.VALID
                        && payloadSchema.get().fast().check(candidate.get("payload")) == Verdict.VALID;
                assertEquals(bothValid, hash.isPresent(), candidate::toString);
                hash.ifPresent(h -> assertEquals(ContentHash.of(candidate), h, candidate::toString));
                walkedValid += hash.isPresent() ? 1 : 0;
                compared++;
            }
        }
        assertTrue(compared > 10_000, "compared " + compared);
        assertTrue(walkedValid > 500, "valid through the walk: " + walkedValid);
    }

    @Test
    void aValidCheckinIsAcceptedThroughTheWalkWithTheUsualHash() {
        ObjectNode envelope = checkin();
        assertEquals(Optional.of(ContentHash.of(envelope)), walked(envelope));
        var valid = assertInstanceOf(EnvelopeCheck.Valid.class, VALIDATOR.validate(envelope, 600, "demo"));
        assertEquals(ContentHash.of(envelope), valid.envelope().contentHash());
    }

    @Test
    void unknownPropertiesAreRefusedThroughTheWalk() {
        refused(e -> e.put("extra", 1), "schema_mismatch", "extra");
        refused(e -> meta(e).put("screen", "large"), "schema_mismatch", "event_meta.screen");
        refused(e -> payload(e).put("guest_name", "José"), "schema_mismatch", "payload.guest_name");
    }

    @Test
    void wrongTypesAreRefusedThroughTheWalk() {
        refused(e -> e.put("ts_ms", "1767312000000"), "schema_mismatch", "ts_ms");
        refused(e -> e.set("event_meta", Json.read("[]")), "schema_mismatch", "event_meta");
        refused(e -> payload(e).put("scanned_at", "now"), "schema_mismatch", "payload.scanned_at");
        refused(e -> meta(e).put("net_rtt_ms", "fast"), "schema_mismatch", "event_meta.net_rtt_ms");
    }

    @Test
    void hashedFieldsCarryingANameOrAnEmailAreRefusedThroughTheWalk() {
        refused(e -> payload(e).put("guest_id_hash", "Maria Lopez"), "schema_mismatch", "payload.guest_id_hash");
        refused(e -> e.put("guest_id_hash", "maria.lopez@example.com"), "schema_mismatch", "guest_id_hash");
    }

    @Test
    void tooLongStringsMissingFieldsAndValuesOutsideTheirSetAreRefusedThroughTheWalk() {
        refused(e -> e.put("session_id", "s".repeat(129)), "schema_mismatch", "session_id");
        refused(e -> payload(e).put("guest_id", "g".repeat(129)), "schema_mismatch", "payload.guest_id");
        refused(e -> meta(e).remove("platform"), "envelope_missing", "event_meta.platform");
        refused(e -> meta(e).put("platform", "toaster"), "invalid_enum", "event_meta.platform");
    }

    @Test
    void payloadRulesOverSeveralFieldsStillRefuseThroughTheWalk() {
        // at most one identifier (not/anyOf of required pairs), and guest_ids only with a household pass
        refused(e -> payload(e).put("pass", "PASS-1234"), "schema_mismatch", "payload");
        refused(e -> payload(e).set("guest_ids", Json.read("[\"g-2\"]")), "schema_mismatch", "payload.household_pass");
    }

    /** Refused by the walk, and then by the validator with the reason and field it always gave. */
    private static void refused(Consumer<ObjectNode> change, String reason, String field) {
        ObjectNode envelope = checkin();
        change.accept(envelope);
        assertEquals(Optional.empty(), walked(envelope), envelope::toString);
        var rejected = assertInstanceOf(EnvelopeCheck.Rejected.class, VALIDATOR.validate(envelope, 600, "demo"));
        assertEquals(reason, rejected.problem().reason(), envelope::toString);
        assertEquals(field, rejected.problem().field(), envelope::toString);
    }

    private static ObjectNode meta(ObjectNode envelope) {
        return (ObjectNode) envelope.get("event_meta");
    }

    private static ObjectNode payload(ObjectNode envelope) {
        return (ObjectNode) envelope.get("payload");
    }
}
