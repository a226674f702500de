package io.seatpilot.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The hand-written canonical form hashes exactly the bytes the release before issue 16 hashed: a Jackson generator
 * walking the sorted tree (kept here as the reference). Trees are generated with every kind of node and string
 * (control characters, non-ASCII, paired and lone surrogates, strings longer than the write buffer), both built
 * directly and parsed back from JSON as requests arrive.
 */
class ContentHashTest {

    @Property(tries = 2000)
    void hashesTheBytesJacksonWrote(@ForAll long seed) throws IOException {
        JsonNode tree = randomTree(new Random(seed), 0);
        assertEquals(reference(tree), ContentHash.of(tree));
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(tree));
        } catch (JsonProcessingException refused) {
            return; // e.g. a lone surrogate in a field name: the parser refuses it, so no request carries one
        }
        assertEquals(reference(parsed), ContentHash.of(parsed));
    }

    /**
     * The hash keeps the sorted order of each object shape it saw (keys by reference, in the order they came): an
     * object of a kept shape with other values, or the same keys in another order, still hashes as Jackson wrote.
     */
    @Property(tries = 1000)
    void aShapeSeenBeforeHashesTheBytesJacksonWrote(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            tree.set(randomString(random), randomTree(random, 1));
        }
        assertEquals(reference(tree), ContentHash.of(tree));
        JsonNode sameShapes = revalued(random, tree, false);
        assertEquals(reference(sameShapes), ContentHash.of(sameShapes));
        JsonNode reordered = revalued(random, tree, true);
        assertEquals(reference(reordered), ContentHash.of(reordered));
    }

    /** The same keys (the same String objects), in the same or the reverse order, with new values at the leaves. */
    private static JsonNode revalued(Random random, JsonNode node, boolean reverse) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            if (reverse) {
                Collections.reverse(fields);
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            fields.forEach(field -> copy.set(field.getKey(), revalued(random, field.getValue(), reverse)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(revalued(random, element, reverse)));
            return copy;
        }
        return randomTree(random, 4); // a leaf of any kind
    }

    private static JsonNode randomTree(Random random, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int kind = depth >= 4 ? 2 + random.nextInt(10) : random.nextInt(12);
        return switch (kind) {
            case 0 -> {
                ObjectNode object = nodes.objectNode();
                for (int i = random.nextInt(6); i > 0; i--) {
                    object.set(randomString(random), randomTree(random, depth + 1));
                }
                yield object;
            }
            case 1 -> {
                var array = nodes.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(randomTree(random, depth + 1));
                }
                yield array;
            }
            case 2, 3, 4 -> nodes.textNode(randomString(random));
            case 5 -> nodes.nullNode();
            case 6 -> nodes.booleanNode(random.nextBoolean());
            case 7 -> nodes.numberNode(random.nextInt());
            case 8 -> nodes.numberNode(random.nextLong());
            case 9 -> nodes.numberNode(new BigInteger(100, random).negate());
            case 10 -> nodes.numberNode(new BigDecimal(new BigInteger(60, random), random.nextInt(40) - 20));
            default -> nodes.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        };
    }

    private static String randomString(Random random) {
        int length = random.nextInt(10) == 0 ? 4090 + random.nextInt(20) : random.nextInt(12);
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20)); // control characters
                case 1 -> text.append((char) (0x20 + random.nextInt(0x60))); // printable ASCII, quote, backslash
                case 2 -> text.append((char) (0x80 + random.nextInt(0x780))); // two UTF-8 bytes
                case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a surrogate pair
                case 4 -> text.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
                default -> text.append((char) (0x800 + random.nextInt(0xF800))); // three bytes (or a surrogate)
            }
        }
        return text.toString();
    }

    /** The content hash as written until issue 16: SHA-256 of what Jackson's generator writes for the sorted tree. */
    private static String reference(JsonNode node) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(bytes)) {
            writeSorted(out, node);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeSorted(JsonGenerator out, JsonNode node) throws IOException {
        if (node.isObject()) {
            String[] names = new String[node.size()];
            int i = 0;
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names[i++] = it.next();
            }
            Arrays.sort(names);
            out.writeStartObject();
            for (String name : names) {
                out.writeFieldName(name);
                writeSorted(out, node.get(name));
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                writeSorted(out, element);
            }
            out.writeEndArray();
        } else if (node.isTextual()) {
            out.writeString(node.textValue());
        } else if (node.isNull()) {
            out.writeNull();
        } else if (node.isNumber() || node.isBoolean()) {
            node.serialize(out, null);
        } else {
            out.writeTree(node);
        }
    }
}
