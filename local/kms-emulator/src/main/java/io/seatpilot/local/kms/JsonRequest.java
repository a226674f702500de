package io.seatpilot.local.kms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.SortedMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Typed, validating access to a request's JSON members. Blob members arrive base64-encoded, as the SDK
 * sends every binary field in the JSON protocols.
 */
final class JsonRequest {

    private final JsonNode body;

    JsonRequest(JsonNode body) {
        this.body = body;
    }

    String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> KmsError.missing(field));
    }

    Optional<String> optionalString(String field) {
        JsonNode node = member(field);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw KmsError.serialization(field + " must be a string");
        }
        return Optional.of(node.textValue());
    }

    byte[] requiredBlob(String field, int maxBytes) {
        byte[] value;
        try {
            value = Base64.getDecoder().decode(requiredString(field));
        } catch (IllegalArgumentException e) {
            throw KmsError.serialization(field + " is not valid base64");
        }
        if (value.length == 0) {
            throw KmsError.constraint(field, null, "have length greater than or equal to 1");
        }
        if (value.length > maxBytes) {
            throw KmsError.constraint(field, null, "have length less than or equal to " + maxBytes);
        }
        return value;
    }

    OptionalInt optionalInt(String field, int min, int max) {
        JsonNode node = member(field);
        if (node == null) {
            return OptionalInt.empty();
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToInt()) {
            throw KmsError.serialization(field + " must be an integer");
        }
        int value = node.intValue();
        if (value < min) {
            throw KmsError.constraint(field, "'" + value + "'", "have value greater than or equal to " + min);
        }
        if (value > max) {
            throw KmsError.constraint(field, "'" + value + "'", "have value less than or equal to " + max);
        }
        return OptionalInt.of(value);
    }

    boolean flag(String field) {
        JsonNode node = member(field);
        if (node != null && !node.isBoolean()) {
            throw KmsError.serialization(field + " must be a boolean");
        }
        return node != null && node.booleanValue();
    }

    /** A string-to-string map, sorted so that equal maps always serialise to equal bytes. */
    SortedMap<String, String> stringMap(String field) {
        JsonNode node = member(field);
        var map = new TreeMap<String, String>();
        if (node == null) {
            return map;
        }
        if (!node.isObject()) {
            throw KmsError.serialization(field + " must be an object");
        }
        for (var entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw KmsError.serialization(field + " values must be strings");
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    /** Absent and JSON null mean the same thing to the SDK's serialisers, so they do here too. */
    private JsonNode member(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }
}
