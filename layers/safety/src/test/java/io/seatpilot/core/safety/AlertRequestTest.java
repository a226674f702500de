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
    void aMessageIsAlsoAtMost140CharactersCountedAsCodePoints() {
        assertEquals("message_too_long", reason(Map.of("level", "ALERT", "message", "x".repeat(141))));
        assertEquals("message_too_long", reason(Map.of("level", "ALERT", "message", "a ".repeat(3) + "b".repeat(140))));
        assertEquals(140, AlertRequest.parse(body(Map.of("level", "ALERT", "message", "\uD83D\uDEA8".repeat(140)))).message()
                .codePointCount(0, 280));
    }

    @Test
    void aRequestIdIsAnOptionalUuid() {
        var request = AlertRequest.parse(body(Map.of("level", "ALERT", "message", "x",
                "request_id", "0F8FAD5B-D9CB-469F-A165-70867728950E")));
        assertEquals("0f8fad5b-d9cb-469f-a165-70867728950e", request.requestId());
        assertEquals("validation_failed", reason(Map.of("level", "ALERT", "message", "x", "request_id", "r".repeat(36))));
    }

    @Test
    void aStopIdIsOptionalAndMustBeAnId() {
        assertEquals(null, AlertRequest.parse(body(Map.of("level", "EVAC", "template", "evacuate"))).stopId(),
                "absent: the stop in progress is chosen when the alert is raised");
        assertEquals("reception", AlertRequest.parse(body(Map.of("level", "EVAC", "template", "evacuate",
                "stop_id", "reception"))).stopId());
        ApiException malformed = assertThrows(ApiException.class, () -> AlertRequest.parse(body(Map.of("level", "ALERT",
                "message", "x", "stop_id", "no such/stop"))));
        assertEquals("validation_failed", malformed.problem().reason());
        assertEquals("stop_id", malformed.problem().field());
        assertEquals("validation_failed", reason(Map.of("level", "ALERT", "message", "x", "stop_id", 7)));
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
