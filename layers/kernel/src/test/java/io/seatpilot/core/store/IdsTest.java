package io.seatpilot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.RepoFiles;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each rule of {@link Ids} says what schemas/ says for the same field, wherever a schema declares it. */
class IdsTest {

    /** A field as one schema declares it. */
    private record Declared(String file, String field, JsonNode schema) {
        @Override
        public String toString() {
            return file + " " + field;
        }
    }

    private static final List<Declared> DECLARED = declared();

    @Test
    void aQueryListIsOneToMaxDistinctIdsOfTheRule() {
        assertEquals(java.util.Optional.of(List.of("a", "b")), Ids.list("a,b", 2, Ids.ITEM));
        assertEquals(java.util.Optional.empty(), Ids.list("a,b,c", 2, Ids.ITEM), "more than max");
        assertEquals(java.util.Optional.empty(), Ids.list("a,a", 2, Ids.ITEM), "repeated");
        assertEquals(java.util.Optional.empty(), Ids.list("", 2, Ids.ITEM), "none");
        assertEquals(java.util.Optional.empty(), Ids.list("a,", 2, Ids.ITEM), "an empty one");
        assertEquals(java.util.Optional.empty(), Ids.list("a#b", 2, Ids.ITEM), "not of the rule");
    }

    @Test
    void eventIdsAreTheSchemasEvent() {
        assertSamePattern(Ids.EVENT, Set.of("event"));
    }

    @Test
    void clientMadeIdsAreTheSchemasUuids() {
        assertSamePattern(Ids.UUID, Set.of("checkin_id", "event_id", "door_to_seat_id"));
    }

    @Test
    void passesAreTheSchemasPassTokens() {
        assertSamePattern(Ids.PASS, Set.of("pass", "household_pass"));
    }

    @Test
    void incidentCodesAreTheSchemasCodes() {
        assertSamePattern(Ids.CODE, Set.of("category", "priority", "resolution_code"));
    }

    /** The schemas bound guest and device ids by length only; the rule takes exactly those lengths. */
    @Test
    void itemAndDeviceIdsTakeTheSchemasLengths() {
        assertSameLengths(Ids.ITEM, "guest_id");
        assertSameLengths(Ids.DEVICE, "device_id");
    }

    @Test
    void oneCheckinIdRule() {
        assertTrue(Ids.isUuid("0F8FAD5B-D9CB-469F-A165-70867728950E"));
        // 36 characters of hex digits and dashes that are no UUID: the door's undo route once took these
        assertFalse(Ids.isUuid("0f8fad5bd9cb469fa16570867728950e----"));
        assertFalse(Ids.isUuid(null));
    }

    @Test
    void anEventIdThatCannotExistIsAMissingEvent() {
        assertEquals("gala-2026", Ids.requireEvent("gala-2026"));
        for (String bad : new String[] {null, "Gala", "ab", "a#b-c", "x".repeat(65)}) {
            ApiException refused = assertThrows(ApiException.class, () -> Ids.requireEvent(bad));
            assertEquals(404, refused.problem().status());
            assertEquals("not_found", refused.problem().reason());
        }
    }

    private static void assertSamePattern(Pattern rule, Set<String> fields) {
        List<Declared> found = DECLARED.stream().filter(d -> fields.contains(d.field()) && d.schema().has("pattern")).toList();
        assertFalse(found.isEmpty(), "no schema declares " + fields);
        for (Declared declared : found) {
            // JSON Schema finds its pattern anywhere in the value: a schema pins a whole value with ^…$(?![\s\S])
            assertEquals("^" + rule.pattern() + "$(?![\\s\\S])", declared.schema().get("pattern").asText(), declared.toString());
        }
    }

    private static void assertSameLengths(Pattern rule, String field) {
        List<Declared> found = DECLARED.stream().filter(d -> d.field().equals(field) && d.schema().has("maxLength")).toList();
        assertFalse(found.isEmpty(), "no schema bounds " + field);
        for (Declared declared : found) {
            int min = declared.schema().path("minLength").asInt(0);
            int max = declared.schema().get("maxLength").asInt();
            assertTrue(rule.matcher("a".repeat(max)).matches(), declared + " takes " + max + " characters");
            assertFalse(rule.matcher("a".repeat(max + 1)).matches(), declared + " takes at most " + max);
            assertTrue(rule.matcher("a".repeat(Math.max(min, 1))).matches(), declared + " takes " + min);
            assertFalse(min > 0 && rule.matcher("a".repeat(min - 1)).matches(), declared + " takes at least " + min);
        }
    }

    private static List<Declared> declared() {
        Path schemas = RepoFiles.root().resolve("schemas");
        List<Declared> declared = new ArrayList<>();
        try (Stream<Path> files = Files.walk(schemas)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".schema.json")).toList()) {
                collect(schemas.relativize(file).toString(), Json.MAPPER.readTree(file.toFile()), declared);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return declared;
    }

    /** Every property declared anywhere in the schema (nested objects, array items), by its name. */
    private static void collect(String file, JsonNode node, List<Declared> declared) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject()) {
                for (Map.Entry<String, JsonNode> property : properties.properties()) {
                    JsonNode schema = property.getValue();
                    declared.add(new Declared(file, property.getKey(), schema));
                    if (schema.has("items")) {
                        declared.add(new Declared(file, property.getKey(), schema.get("items")));
                    }
                }
            }
        }
        node.forEach(child -> collect(file, child, declared));
    }
}
