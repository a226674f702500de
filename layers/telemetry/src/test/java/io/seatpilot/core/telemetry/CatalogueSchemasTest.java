package io.seatpilot.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The schemas and the event dictionary ({@code schemas/TELEMETRY-CATALOGUE.md}) cannot drift: every row has a
 * schema with its fields and types, takes its dictionary payload, still refuses unknown properties, and keeps
 * names, e-mails and free text out of its hashed fields.
 */
class CatalogueSchemasTest {

    private static final EventSchemas SCHEMAS = new EventSchemas();
    private static final EnvelopeValidator VALIDATOR = new EnvelopeValidator(SCHEMAS);
    private static final List<CatalogueRow> ROWS = CatalogueRow.read();

    @Test
    void theDictionaryIsReadWhole() {
        assertEquals(74, ROWS.size(), "the dictionary's 74 names");
        assertEquals(ROWS.size(), new HashSet<>(ROWS.stream().map(CatalogueRow::eventName).toList()).size());
    }

    @TestFactory
    Stream<DynamicTest> everyRowHasASchemaWithItsFieldsAndTypes() {
        return ROWS.stream().map(row -> DynamicTest.dynamicTest(row.eventName(), () -> {
            assertTrue(SCHEMAS.payload(row.eventName()).isPresent(), "known to the event catalog");
            JsonNode schema = row.payloadSchema();
            if (EventSchemas.isFreeFamily(row.eventName())) {
                assertFalse(schema.has("properties"), "a wildcard family keeps its free payload");
                return;
            }
            assertFalse(schema.path("additionalProperties").asBoolean(true), "unknown properties refused");
            assertFalse(schema.has("required"), "a dictionary field is never required: without it a fact is stored, not applied");
            JsonNode properties = schema.get("properties");
            assertTrue(properties.has("event"), "the party's id is accepted in every payload");
            row.fields().forEach((field, type) -> assertEquals(type, typeOf(properties.path(field)), field));
        }));
    }

    /** The dictionary's word for what a schema property accepts. */
    private static String typeOf(JsonNode property) {
        if (property.has("enum")) {
            boolean strings = true;
            for (JsonNode value : property.get("enum")) {
                strings &= value.isTextual();
            }
            return strings ? "string" : "enum";
        }
        String type = property.path("type").asText("missing");
        return type.equals("array") ? "array of " + property.path("items").path("type").asText() + "s" : type;
    }

    @TestFactory
    Stream<DynamicTest> everyRowTakesItsDictionaryPayloadAndAnEmptyOne() {
        return ROWS.stream().map(row -> DynamicTest.dynamicTest(row.eventName(), () -> {
            assertValid(envelope(row.eventName(), row.dictionaryPayload("demo-gala")));
            assertValid(envelope(row.eventName(), Json.MAPPER.createObjectNode()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> unknownPayloadPropertiesAreStillRefused() {
        return ROWS.stream().filter(row -> !EventSchemas.isFreeFamily(row.eventName()))
                .map(row -> DynamicTest.dynamicTest(row.eventName(), () -> {
                    ObjectNode payload = row.dictionaryPayload("demo-gala").put("query", "maria lopez");
                    assertRefused(envelope(row.eventName(), payload), "payload.query");
                }));
    }

    @TestFactory
    Stream<DynamicTest> hashedFieldsRefuseNamesEmailsAndFreeText() {
        return ROWS.stream().flatMap(row -> row.fields().keySet().stream().filter(f -> f.endsWith("_hash"))
                .flatMap(field -> Stream.of("Maria Lopez", "maria.lopez@example.com", "+525512345678",
                        "Guest asked for a seat by the window").map(value -> DynamicTest.dynamicTest(
                        row.eventName() + " " + field + "=" + value,
                        () -> assertRefused(envelope(row.eventName(), row.dictionaryPayload("demo-gala").put(field, value)),
                                "payload." + field)))));
    }

    @Test
    void theEnvelopeTakesTheDoorToSeatIdAndTheBattery() {
        ObjectNode envelope = envelope("checkin.success", Json.MAPPER.createObjectNode());
        envelope.set("correlation", Json.tree(Map.of("door_to_seat_id", "0b5f3c9e-4a1d-4e8b-9c7f-2d6a1b3e5f70")));
        ((ObjectNode) envelope.get("event_meta")).put("battery", 0.42);
        assertValid(envelope);
        ((ObjectNode) envelope.get("event_meta")).put("battery", 1.5);
        assertRefused(envelope, "event_meta.battery");
        ((ObjectNode) envelope.get("event_meta")).put("battery", 1);
        ((ObjectNode) envelope.get("correlation")).put("door_to_seat_id", "table 4");
        assertRefused(envelope, "correlation.door_to_seat_id");
        ((ObjectNode) envelope.get("correlation")).put("door_to_seat_id", "0b5f3c9e-4a1d-4e8b-9c7f-2d6a1b3e5f70").put("seat", "4");
        assertRefused(envelope, "correlation.seat");
    }

    @Test
    void legacyNamesStillMapToDictionaryRows() {
        var names = ROWS.stream().map(CatalogueRow::eventName).toList();
        for (String legacy : List.of("qr_scan_start", "guest_lookup_done", "ui_render_done", "checkin_success",
                "map_pin_shown", "arrive_table")) {
            assertTrue(names.contains(SCHEMAS.canonicalName(legacy)), legacy);
            assertValid(envelope(legacy, Json.MAPPER.createObjectNode()));
        }
    }

    private static ObjectNode envelope(String eventName, ObjectNode payload) {
        ObjectNode envelope = EnvelopeValidatorTest.envelope().put("event_name", eventName);
        envelope.set("payload", payload);
        return envelope;
    }

    private static void assertValid(ObjectNode envelope) {
        var check = VALIDATOR.validate(envelope, envelope.toString().length(), "demo");
        assertInstanceOf(EnvelopeCheck.Valid.class, check, check::toString);
    }

    private static void assertRefused(ObjectNode envelope, String field) {
        var check = VALIDATOR.validate(envelope, envelope.toString().length(), "demo");
        var rejected = assertInstanceOf(EnvelopeCheck.Rejected.class, check, check::toString);
        assertEquals("schema_mismatch", rejected.problem().reason());
        assertEquals(field, rejected.problem().field(), () -> String.valueOf(rejected.problem().violations()));
    }
}
