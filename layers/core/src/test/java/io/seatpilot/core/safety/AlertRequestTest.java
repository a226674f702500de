package io.seatpilot.core.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRequestTest {

    private static ObjectNode body(Map<String, Object> fields) {
        return (ObjectNode) Json.tree(fields);
    }

    private static String reason(Map<String, Object> fields) {
        return assertThrows(ApiException.class, () -> AlertRequest.parse(body(fields))).problem().reason();
    }

    @Test
    void sevenWordsPassAndEightAreTooLong() {
        var seven = AlertRequest.parse(body(Map.of("level", "ALERT", "message", "one two three four five six seven")));
        assertEquals("one two three four five six seven", seven.message());
        assertEquals("message_too_long", reason(Map.of("level", "ALERT", "message", "one two three four five six seven eight")));
    }

    @Test
    void wordsAreSeparatedByAnySpaceButNotByPunctuation() {
        assertEquals(2, AlertRequest.words("  Exit\u00a0B,blocked  "));
        assertEquals(3, AlertRequest.words("Evacuate\tnow\nplease"));
        assertEquals(0, AlertRequest.words("   "));
        assertEquals("validation_failed", reason(Map.of("level", "ALERT", "message", "   ")));
    }

    @Test
    void aTemplateStandsForItsMessageAndEveryTemplateFitsTheLimit() {
        var evacuate = AlertRequest.parse(body(Map.of("level", "EVAC", "template", "evacuate")));
        assertEquals(AlertRequest.TEMPLATES.get("evacuate"), evacuate.message());
        assertEquals("evacuate", evacuate.template());
        AlertRequest.TEMPLATES.values().forEach(text -> assertEquals(true, AlertRequest.words(text) <= AlertRequest.MAX_WORDS, text));
        assertEquals("invalid_enum", reason(Map.of("level", "EVAC", "template", "party_time")));
    }

    @Test
    void levelIsRequiredAndMustBeKnown() {
        assertEquals("validation_failed", reason(Map.of("message", "hello")));
        assertEquals("invalid_enum", reason(Map.of("level", "PANIC", "message", "hello")));
        assertEquals("invalid_enum", reason(Map.of("level", "alert", "message", "hello")));
        assertEquals("validation_failed", reason(Map.of("level", "ALERT")));
        assertEquals("validation_failed", reason(Map.of("level", "ALERT", "message", "x", "zone", "A#B")));
    }
}
