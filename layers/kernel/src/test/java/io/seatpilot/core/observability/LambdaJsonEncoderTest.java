package io.seatpilot.core.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The log line keeps the shape Powertools' log4j layout gave it (LambdaJsonLayout.json): dashboards and the tests that
 * read function output search these names. The expected lines below are what the log4j layout printed for the same
 * events (captured from the ingest jar before the switch), with this test's timestamp.
 */
class LambdaJsonEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-05T08:46:24.932Z");
    private static final Map<String, String> INVOCATION = Map.of("cold_start", "true",
            "function_arn", "arn:aws:lambda:us-east-1:000000000000:function:IngestFunction", "function_memory_size", "1024",
            "function_name", "IngestFunction", "function_request_id", "inv-1", "function_version", "$LATEST", "service", "ingest");

    private final LoggerContext context = new LoggerContext();
    private final LambdaJsonEncoder encoder = new LambdaJsonEncoder();

    @Test
    void aLineInsideAnInvocationHasTheLayoutsFieldsInItsOrderWithTheirTypesAndOurMdcKeysSorted() {
        Map<String, String> mdc = new HashMap<>(INVOCATION);
        mdc.putAll(Map.of("tenant", "t-1", "request_id", "r-1", "event", "POST /v1/events", "event_id", "e-1"));

        String line = encode(event(Level.INFO, "refused 401 {}", null, mdc, "bad_signature"));

        assertEquals("{\"level\":\"INFO\",\"message\":\"refused 401 bad_signature\",\"cold_start\":true,"
                + "\"function_arn\":\"arn:aws:lambda:us-east-1:000000000000:function:IngestFunction\",\"function_memory_size\":1024,"
                + "\"function_name\":\"IngestFunction\",\"function_request_id\":\"inv-1\",\"function_version\":\"$LATEST\","
                + "\"service\":\"ingest\",\"timestamp\":\"2026-12-05T08:46:24.932Z\",\"event\":\"POST /v1/events\",\"event_id\":\"e-1\","
                + "\"request_id\":\"r-1\",\"tenant\":\"t-1\"}\n", line);
    }

    @Test
    void aLineOutsideAnInvocationHasTheAlwaysWrittenContextFieldsAsNull() {
        String line = encode(event(Level.WARN, "before withLogging", null, Map.of()));

        assertEquals("{\"level\":\"WARN\",\"message\":\"before withLogging\",\"function_arn\":null,\"function_name\":null,"
                + "\"function_request_id\":null,\"function_version\":null,\"service\":null,\"timestamp\":\"2026-12-05T08:46:24.932Z\"}\n", line);
    }

    @Test
    void samplingTraceAndCorrelationFieldsAreWrittenWhenSetWithTheirTypes() throws Exception {
        Map<String, String> mdc = new HashMap<>(INVOCATION);
        mdc.putAll(Map.of("cold_start", "false", "sampling_rate", "0.5", "xray_trace_id", "1-abc-def", "correlation_id", "c-9"));

        JsonNode line = JSON.readTree(encode(event(Level.DEBUG, "sampled", null, mdc)));

        assertTrue(line.get("cold_start").isBoolean());
        assertFalse(line.get("cold_start").booleanValue());
        assertTrue(line.get("function_memory_size").isInt(), line.toString());
        assertTrue(line.get("sampling_rate").isDouble(), line.toString());
        assertEquals(0.5, line.get("sampling_rate").doubleValue());
        mdc.put("sampling_rate", "0.0");
        assertFalse(JSON.readTree(encode(event(Level.DEBUG, "not sampled", null, mdc))).has("sampling_rate"), "a rate of 0 is not written");
        assertEquals(List.of("level", "message", "cold_start", "function_arn", "function_memory_size", "function_name",
                "function_request_id", "function_version", "sampling_rate", "service", "timestamp", "xray_trace_id", "correlation_id"),
                names(line));
        assertEquals("1-abc-def", line.get("xray_trace_id").asText());
        assertEquals("c-9", line.get("correlation_id").asText());
    }

    @Test
    void quotesBackslashesLineBreaksAndControlCharactersAreEscapedOnOneLine() throws Exception {
        String nasty = "quote \" backslash \\ newline \n return \r tab \t é ü \u0001 \u2028 end";
        Map<String, String> mdc = Map.of("tenant", "t\"\n1");

        String line = encode(event(Level.INFO, nasty, null, mdc));

        assertEquals(1, line.split("\n", -1).length - 1, "one line, ended by its newline: " + line);
        assertTrue(line.contains("quote \\\" backslash \\\\ newline \\n return \\r tab \\t é ü \\u0001"), line);
        JsonNode parsed = JSON.readTree(line);
        assertEquals(nasty, parsed.get("message").asText());
        assertEquals("t\"\n1", parsed.get("tenant").asText());
    }

    @Test
    void anExceptionIsAStructuredErrorWithItsClassMessageAndTheWholeStackTrace() throws Exception {
        var cause = new RuntimeException("inner");
        var thrown = new IllegalStateException("outer \"x\"", cause);
        thrown.addSuppressed(new IllegalArgumentException("closing"));

        JsonNode line = JSON.readTree(encode(event(Level.ERROR, "failed", thrown, new HashMap<>(INVOCATION))));

        JsonNode error = line.get("error");
        assertEquals(List.of("message", "name", "stack"), names(error));
        assertEquals("outer \"x\"", error.get("message").asText());
        assertEquals("java.lang.IllegalStateException", error.get("name").asText());
        String stack = error.get("stack").asText();
        assertTrue(stack.startsWith("java.lang.IllegalStateException: outer \"x\"\n\tat io.seatpilot.core.observability.LambdaJsonEncoderTest."), stack);
        assertTrue(stack.contains("\n\tSuppressed: java.lang.IllegalArgumentException: closing\n"), stack);
        assertTrue(stack.contains("\nCaused by: java.lang.RuntimeException: inner\n"), stack);
        assertTrue(stack.contains(" more\n"), stack);
        assertEquals(List.of("level", "message", "error", "cold_start"), names(line).subList(0, 4));
    }

    @Test
    void anExceptionWithoutAMessageHasANullErrorMessage() throws Exception {
        JsonNode line = JSON.readTree(encode(event(Level.WARN, "no message", new NullPointerException(), Map.of())));

        assertTrue(line.get("error").get("message").isNull(), line.toString());
        assertEquals("java.lang.NullPointerException", line.get("error").get("name").asText());
    }

    private String encode(LoggingEvent event) {
        encoder.setContext(context);
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private LoggingEvent event(Level level, String message, Throwable thrown, Map<String, String> mdc, Object... args) {
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("io.seatpilot.test"), level, message, thrown, args);
        event.setInstant(AT);
        event.setMDCPropertyMap(mdc);
        return event;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
