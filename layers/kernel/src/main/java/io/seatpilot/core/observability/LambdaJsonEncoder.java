package io.seatpilot.core.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.lambda.powertools.logging.internal.PowertoolsLoggedFields;

/**
 * One JSON line per log event, in the shape Powertools' log4j layout (its {@code LambdaJsonLayout.json}) wrote before
 * the functions moved to Logback: {@code level}, {@code message}, {@code error} {message, name, stack} when an
 * exception is logged, the Lambda context fields {@code PowertoolsLogging.withLogging} puts in the MDC (with their
 * JSON types: {@code cold_start} a boolean, {@code function_memory_size} and {@code sampling_rate} numbers, the rate
 * only when above 0), an ISO-8601 UTC {@code timestamp}, and every other MDC key (ours: request_id, tenant, event,
 * event_id) at the top level, sorted by name. Outside {@code withLogging} the context fields the layout always wrote are {@code null}, as
 * they were. Written here because Powertools' own Logback module is not served by the Maven mirror this project builds
 * from (layers/kernel/README.md); Jackson's streaming generator does the escaping. Not written: Powertools'
 * {@code StructuredArguments} (the log4j layout added them as fields), which no code here uses.
 */
public final class LambdaJsonEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** How the layout wrote each Powertools field: always (null when absent) or only when present, and its JSON type. */
    private enum Presence { ALWAYS, IF_SET }

    /** RATE: a float, written only when above 0 (the sampling rate Powertools puts in the MDC on every invocation). */
    private enum Type { STRING, BOOLEAN, INTEGER, RATE }

    private record Field(PowertoolsLoggedFields field, Presence presence, Type type) {
        String name() {
            return field.getName();
        }
    }

    /** The Powertools fields before the timestamp, in the layout's order. */
    private static final List<Field> BEFORE_TIMESTAMP = List.of(
            new Field(PowertoolsLoggedFields.FUNCTION_COLD_START, Presence.IF_SET, Type.BOOLEAN),
            new Field(PowertoolsLoggedFields.FUNCTION_ARN, Presence.ALWAYS, Type.STRING),
            new Field(PowertoolsLoggedFields.FUNCTION_MEMORY_SIZE, Presence.IF_SET, Type.INTEGER),
            new Field(PowertoolsLoggedFields.FUNCTION_NAME, Presence.ALWAYS, Type.STRING),
            new Field(PowertoolsLoggedFields.FUNCTION_REQUEST_ID, Presence.ALWAYS, Type.STRING),
            new Field(PowertoolsLoggedFields.FUNCTION_VERSION, Presence.ALWAYS, Type.STRING),
            new Field(PowertoolsLoggedFields.SAMPLING_RATE, Presence.IF_SET, Type.RATE),
            new Field(PowertoolsLoggedFields.SERVICE, Presence.ALWAYS, Type.STRING));
    private static final List<Field> AFTER_TIMESTAMP = List.of(
            new Field(PowertoolsLoggedFields.FUNCTION_TRACE_ID, Presence.IF_SET, Type.STRING),
            new Field(PowertoolsLoggedFields.CORRELATION_ID, Presence.IF_SET, Type.STRING));
    private static final Set<String> POWERTOOLS = Set.copyOf(PowertoolsLoggedFields.stringValues());

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        Map<String, String> mdc = event.getMDCPropertyMap();
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("message", event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                error(json, event.getThrowableProxy());
            }
            fields(json, BEFORE_TIMESTAMP, mdc);
            json.writeStringField("timestamp", TIMESTAMP.format(event.getInstant()));
            fields(json, AFTER_TIMESTAMP, mdc);
            for (Map.Entry<String, String> entry : new TreeMap<>(mdc).entrySet()) {
                if (!POWERTOOLS.contains(entry.getKey())) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            // a ByteArrayOutputStream does not fail; Jackson declares it for every stream
            throw new UncheckedIOException(e);
        }
        line.write('\n');
        return line.toByteArray();
    }

    private static void error(JsonGenerator json, IThrowableProxy thrown) throws IOException {
        json.writeObjectFieldStart("error");
        json.writeStringField("message", thrown.getMessage());
        json.writeStringField("name", thrown.getClassName());
        json.writeStringField("stack", stack(thrown));
        json.writeEndObject();
    }

    /**
     * As {@link Throwable#printStackTrace()} prints it (causes, suppressed, "... n more"), as the layout did; Logback's
     * own rendering differs ("common frames omitted"). An event logged in this JVM always holds the throwable itself.
     */
    private static String stack(IThrowableProxy thrown) {
        StringWriter trace = new StringWriter();
        ((ThrowableProxy) thrown).getThrowable().printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static void fields(JsonGenerator json, List<Field> fields, Map<String, String> mdc) throws IOException {
        for (Field field : fields) {
            String value = mdc.get(field.name());
            if (value == null) {
                if (field.presence() == Presence.ALWAYS) {
                    json.writeNullField(field.name());
                }
                continue;
            }
            switch (field.type()) {
                case STRING -> json.writeStringField(field.name(), value);
                case BOOLEAN -> json.writeBooleanField(field.name(), Boolean.parseBoolean(value));
                case INTEGER -> json.writeNumberField(field.name(), Integer.parseInt(value));
                case RATE -> {
                    float rate = Float.parseFloat(value);
                    if (rate > 0) {
                        json.writeNumberField(field.name(), rate);
                    }
                }
            }
        }
    }
}
