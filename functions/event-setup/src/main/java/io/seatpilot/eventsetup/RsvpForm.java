package io.seatpilot.eventsetup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The RSVP page's form, read into the JSON body SPEC §16 defines, so both go through the same rules. */
final class RsvpForm {

    static final String CONTENT_TYPE = "application/x-www-form-urlencoded";
    private static final int MAX_FIELDS = 400;

    private RsvpForm() {
    }

    static JsonNode toBody(String form) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode responses = body.putArray("responses");
        ObjectNode dietary = Json.MAPPER.createObjectNode();
        String[] pairs = form.isEmpty() ? new String[0] : form.split("&", MAX_FIELDS + 1);
        if (pairs.length > MAX_FIELDS) {
            throw new ApiException(Reason.PAYLOAD_TOO_LARGE, "At most " + MAX_FIELDS + " form fields");
        }
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            String[] parts = name.split("\\|", -1);
            if (parts.length == 3 && parts[0].equals(RsvpPage.ANSWER_FIELD)) {
                responses.addObject().put("guest_id", parts[1]).put("stop_id", parts[2]).put("status", value);
            } else if (parts.length == 2 && parts[0].equals(RsvpPage.DIETARY_FIELD)) {
                dietary.put(parts[1], value);
            } else if (name.equals("companions") && !value.isBlank()) {
                try {
                    body.put("companions", Integer.parseInt(value.strip()));
                } catch (NumberFormatException e) {
                    throw ApiException.field(Reason.VALIDATION_FAILED, "companions", "companions is a whole number");
                }
            }
        }
        if (!dietary.isEmpty()) {
            body.set("dietary", dietary);
        }
        return body;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(Reason.BAD_REQUEST, "The form is not URL-encoded");
        }
    }
}
