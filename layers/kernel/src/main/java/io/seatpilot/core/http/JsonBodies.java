package io.seatpilot.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.json.Json;
import java.io.IOException;
import java.util.Set;

/** Reads JSON request bodies of people-facing routes with the same refusals everywhere. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * The tree of a body someone sent (null or a missing node when it is empty); {@code 400 malformed_json} when it
     * is not JSON, or holds a number no JSON reader here can hold: floats are read as BigDecimal, which refuses an
     * exponent of more than ten digits ({@code 1E67312000000}) with a NumberFormatException rather than an
     * IOException, and that would otherwise escape as a 500.
     */
    public static JsonNode tree(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException | NumberFormatException e) {
            throw new ApiException(Reason.MALFORMED_JSON, "Body is not valid JSON");
        }
    }

    /** As {@link #object(ApiRequest, Set)}, first refusing a body over {@code maxBytes} with {@code 413 payload_too_large}. */
    public static ObjectNode object(ApiRequest request, Set<String> allowedFields, int maxBytes) {
        if (request.body().length > maxBytes) {
            throw new ApiException(Reason.PAYLOAD_TOO_LARGE, "Body larger than " + maxBytes + " bytes");
        }
        return object(request, allowedFields);
    }

    public static ObjectNode object(ApiRequest request, Set<String> allowedFields) {
        JsonNode node = tree(request.body());
        if (!(node instanceof ObjectNode object)) {
            throw new ApiException(Reason.VALIDATION_FAILED, "Body must be a JSON object");
        }
        object.fieldNames().forEachRemaining(name -> {
            if (!allowedFields.contains(name)) {
                throw ApiException.field(Reason.VALIDATION_FAILED, name, "Unknown field " + name);
            }
        });
        return object;
    }

    public static String requiredText(ObjectNode body, String field, java.util.regex.Pattern format) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, field, "Field " + field + " is required");
        }
        if (!value.isTextual() || !format.matcher(value.asText()).matches()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, field, "Field " + field + " is malformed");
        }
        return value.asText();
    }
}
