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

    /** As {@link #object(ApiRequest, Set)}, first refusing a body over {@code maxBytes} with {@code 413 payload_too_large}. */
    public static ObjectNode object(ApiRequest request, Set<String> allowedFields, int maxBytes) {
        if (request.body().length > maxBytes) {
            throw new ApiException(Reason.PAYLOAD_TOO_LARGE, "Body larger than " + maxBytes + " bytes");
        }
        return object(request, allowedFields);
    }

    public static ObjectNode object(ApiRequest request, Set<String> allowedFields) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw new ApiException(Reason.MALFORMED_JSON, "Body is not valid JSON");
        }
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
