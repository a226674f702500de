package io.seatpilot.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.RepoFiles;
import io.seatpilot.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compiled checks never disagree with networknt: whatever they call valid networknt finds no violation in,
 * whatever they call invalid it refuses — over every example envelope, every dictionary payload, and each of
 * them with one field removed or replaced by values of every JSON type and at every bound.
 */
class SchemaCheckTest {

    private static final EventSchemas SCHEMAS = new EventSchemas();
    private static final List<JsonNode> ODD_VALUES = Stream.of("\"\"", "\"x\"", "\"Maria Lopez\"", "\"a@b.co\"",
            "\"3f7a9c2e41b8d6f05e1a7c9b2d4f6e8a\"", "\"3f7a9c2e41b8d6f05e1a7c9b2d4f6e8a\\n\"", "\"qr\"", "\"OPEN\"",
            "\"demo-gala\"", "\"" + "y".repeat(129) + "\"", "0", "1", "-1", "1.0", "0.5", "1.5", "9007199254740992",
            "12345678901234567890123", "true", "null", "[]", "{}", "[\"a\",\"a\"]", "[\"a\",\"b\"]", "[1]",
            "\"8a3b2558-37bd-4a6b-8736-c16677b7c19d\"").map(Json::read).toList();

    @Test
    void compiledChecksAgreeWithNetworkntEverywhere() throws IOException {
        int fast = 0;
        int compared = 0;
        for (ObjectNode envelope : corpus()) {
            for (ObjectNode variant : variants(envelope)) {
                compared += agree(SCHEMAS.envelope(), variant);
                SCHEMAS.payload(SCHEMAS.canonicalName(variant.path("event_name").asText())).ifPresent(schema ->
                        variants(variant.get("payload")).forEach(payload -> agree(schema, payload)));
            }
            fast += SCHEMAS.envelope().fast().check(envelope) == SchemaCheck.Verdict.VALID ? 1 : 0;
        }
        assertTrue(compared > 1000, "compared " + compared);
        assertTrue(fast > 80, "valid envelopes take the compiled path: " + fast);
    }

    private static int agree(CompiledSchema schema, JsonNode node) {
        SchemaCheck.Verdict verdict = schema.fast().check(node);
        if (verdict != SchemaCheck.Verdict.UNSURE) {
            assertEquals(verdict == SchemaCheck.Verdict.VALID, schema.full().validate(node).isEmpty(), node::toString);
        }
        return 1;
    }

    /** The node itself, then each field removed, then each field given each odd value. */
    static List<ObjectNode> variants(JsonNode node) {
        List<ObjectNode> variants = new ArrayList<>();
        if (!(node instanceof ObjectNode object)) {
            return variants;
        }
        variants.add(object);
        object.fieldNames().forEachRemaining(field -> {
            ObjectNode removed = object.deepCopy();
            removed.remove(field);
            variants.add(removed);
            for (JsonNode value : ODD_VALUES) {
                variants.add(object.deepCopy().set(field, value));
            }
        });
        variants.add(object.deepCopy().put("unknown_property", "x"));
        variants.add(rebuilt(object, false));
        variants.add(rebuilt(object, true));
        return variants;
    }

    /**
     * The same fields under keys that are equal but other String objects, in the order they came or reversed: the
     * compiled object check remembers shapes by key identity, so these must be new shapes, not mistaken for known ones.
     */
    private static ObjectNode rebuilt(ObjectNode object, boolean reversed) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        if (reversed) {
            java.util.Collections.reverse(keys);
        }
        ObjectNode copy = Json.MAPPER.createObjectNode();
        keys.forEach(key -> copy.set(new String(key.toCharArray()), object.get(key).deepCopy()));
        return copy;
    }

    static List<ObjectNode> corpus() throws IOException {
        List<ObjectNode> corpus = new ArrayList<>();
        for (String folder : List.of("valid", "invalid")) {
            try (Stream<Path> files = Files.list(RepoFiles.root().resolve("events/envelopes").resolve(folder))) {
                for (Path file : files.sorted().toList()) {
                    try {
                        if (Json.MAPPER.readTree(file.toFile()) instanceof ObjectNode envelope && envelope.has("payload")) {
                            corpus.add(envelope);
                        }
                    } catch (IOException malformed) {
                        // the malformed_json examples are not JSON at all
                    }
                }
            }
        }
        for (CatalogueRow row : CatalogueRow.read()) {
            ObjectNode envelope = EnvelopeValidatorTest.envelope().put("event_name", row.eventName());
            envelope.set("payload", row.dictionaryPayload("demo-gala"));
            corpus.add(envelope);
        }
        return corpus;
    }
}
