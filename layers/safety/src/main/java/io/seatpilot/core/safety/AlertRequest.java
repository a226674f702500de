package io.seatpilot.core.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.store.Ids;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.i18n.Messages;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request to raise an alert (SPEC §9): a level, an optional zone, and a message of at most seven words and 140
 * characters, or a template id that stands for one. Seven words is what a screen shows at a glance in a crowd; the
 * same limits apply to a template's text, so templates can never be longer than what people may type.
 * {@code requestId} (optional, a UUID the client chooses) makes a retried raise find the alert it raised.
 * {@code stopId} (optional) is the stop of the event the alert is for (SPEC §16); without one it is for the stop in
 * progress when it is raised ({@link io.seatpilot.core.event.EventDefinition#stopInProgress}).
 */
public record AlertRequest(AlertLevel level, String zone, String message, String template, String severity,
                           String requestId, String stopId) {

    public static final int MAX_WORDS = 7;
    /** SPEC §14: words alone do not bound a message (one word can be any length). */
    public static final int MAX_CHARACTERS = 140;
    /** Far above the longest valid body (140 characters JSON-escaped, a zone id, a UUID), far below an item. */
    public static final int MAX_BODY_BYTES = 4 * 1024;
    public static final Set<String> FIELDS = Set.of("level", "zone", "message", "template", "tenant_id", "request_id",
            "stop_id");

    /** An alert the server raises itself (a device's tone, capacity, a blocked exit): nothing to retry. */
    public AlertRequest(AlertLevel level, String zone, String message, String template, String severity) {
        this(level, zone, message, template, severity, null, null);
    }

    /** The same request for the stop {@code stopId} (one the server knows, such as the stop a zone count is of). */
    public AlertRequest at(String stopId) {
        return new AlertRequest(level, zone, message, template, severity, requestId, stopId);
    }

    /**
     * Texts an operator can send with one tap, by stable id, in English (the stored message); every language's
     * text comes from the message bundles ({@code alert.<id>}, ≤ 7 words each) and travels with the alert.
     */
    public static final Map<String, String> TEMPLATES = Map.copyOf(texts(Languages.FALLBACK));

    private static Map<String, String> texts(String language) {
        Messages messages = Messages.of(language);
        Map<String, String> texts = new java.util.TreeMap<>();
        messages.keys().stream().filter(key -> key.startsWith("alert."))
                .forEach(key -> texts.put(key.substring("alert.".length()), messages.text(key)));
        return texts;
    }

    /** A template's text in every language, for screens to show in theirs (SPEC §15). */
    public static Map<String, String> translations(String template) {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (String language : Languages.SUPPORTED) {
            texts.put(language, Messages.of(language).text("alert." + template));
        }
        return texts;
    }

    public static AlertRequest parse(ObjectNode body) {
        JsonNode level = body.get("level");
        if (level == null || level.isNull()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "level", "Field level is required");
        }
        AlertLevel parsed = AlertLevel.parse(level.asText()).filter(l -> level.isTextual())
                .orElseThrow(() -> ApiException.field(Reason.INVALID_ENUM, "level", "level must be ALERT, EVAC or CLEAR"));
        String zone = optionalText(body, "zone").orElse(null);
        if (zone != null && !Ids.ITEM.matcher(zone).matches()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "zone", "Field zone is malformed");
        }
        String template = optionalText(body, "template").orElse(null);
        String message = optionalText(body, "message").orElse(null);
        if (template != null && !TEMPLATES.containsKey(template)) {
            throw ApiException.field(Reason.INVALID_ENUM, "template", "Unknown template; known: " + TEMPLATES.keySet());
        }
        if (message == null) {
            if (template == null) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "message", "Give a message or a template");
            }
            message = TEMPLATES.get(template);
        }
        requireShort(message);
        String requestId = optionalText(body, "request_id").orElse(null);
        if (requestId != null && !Ids.isUuid(requestId)) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "request_id", "request_id must be a UUID");
        }
        String stopId = optionalText(body, "stop_id").orElse(null);
        if (stopId != null && !Ids.isItem(stopId)) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "stop_id", "Field stop_id is malformed");
        }
        return new AlertRequest(parsed, zone, message.strip(), template, null,
                requestId == null ? null : requestId.toLowerCase(Locale.ROOT), stopId);
    }

    /**
     * SPEC §9/§14: more than seven words or 140 characters (code points, spaces around it not counted) is
     * {@code 422 message_too_long}; an empty message is no message.
     */
    public static void requireShort(String message) {
        int words = words(message);
        if (words == 0) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "message", "message must not be blank");
        }
        if (words > MAX_WORDS) {
            throw ApiException.field(Reason.MESSAGE_TOO_LONG, "message",
                    "message has " + words + " words; at most " + MAX_WORDS);
        }
        String stripped = message.strip();
        int characters = stripped.codePointCount(0, stripped.length());
        if (characters > MAX_CHARACTERS) {
            throw ApiException.field(Reason.MESSAGE_TOO_LONG, "message",
                    "message has " + characters + " characters; at most " + MAX_CHARACTERS);
        }
    }

    /** Words are runs of non-space characters (any Unicode space separates them; punctuation does not). */
    static int words(String message) {
        String stripped = message == null ? "" : message.strip();
        return stripped.isEmpty() ? 0 : stripped.split("[\\s\\p{Z}]+").length;
    }

    private static Optional<String> optionalText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, field, "Field " + field + " must be a string");
        }
        return Optional.of(value.asText());
    }
}
