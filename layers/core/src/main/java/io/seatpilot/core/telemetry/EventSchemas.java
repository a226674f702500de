package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.seatpilot.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The JSON Schemas of {@code schemas/} (shipped inside the layer), compiled once and kept. networknt's
 * json-schema-validator is used because it supports draft 2020-12, works on Jackson trees we already parse,
 * and reports each violation with its type and location, which the reason codes are derived from.
 */
public final class EventSchemas {

    private static final Pattern EVENT_NAME = Pattern.compile("[a-z][a-z_]{0,40}\\.[a-z][a-z_]{0,60}");
    private static final String ROOT = "schemas/";

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final JsonSchema envelope;
    private final Map<String, String> legacyNames;
    private final Map<String, Optional<JsonSchema>> payloads = new ConcurrentHashMap<>();

    public EventSchemas() {
        this.envelope = load(ROOT + "envelope.schema.json").orElseThrow(
                () -> new IllegalStateException("envelope schema missing from the classpath"));
        try (InputStream in = resource(ROOT + "legacy-event-names.json")) {
            this.legacyNames = Map.copyOf(Json.MAPPER.readValue(in, new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonSchema envelope() {
        return envelope;
    }

    /** Maps legacy names of earlier app versions to canonical {@code family.name}. */
    public String canonicalName(String eventName) {
        return legacyNames.getOrDefault(eventName, eventName);
    }

    /** The payload schema of a canonical event name; empty when the event is unknown. */
    public Optional<JsonSchema> payload(String canonicalName) {
        if (!EVENT_NAME.matcher(canonicalName).matches()) {
            return Optional.empty();
        }
        return payloads.computeIfAbsent(canonicalName, name -> load(ROOT + "events/" + name + ".schema.json")
                .or(() -> load(ROOT + "events/" + family(name) + ".schema.json").filter(s -> isFreeFamily(name))));
    }

    /** {@code quality.*} and {@code nps.*} accept any event name of their family with a free payload. */
    public static boolean isFreeFamily(String canonicalName) {
        String family = family(canonicalName);
        return family.equals("quality") || family.equals("nps");
    }

    private static String family(String name) {
        return name.substring(0, name.indexOf('.'));
    }

    private Optional<JsonSchema> load(String path) {
        try (InputStream in = resource(path)) {
            return in == null ? Optional.empty() : Optional.of(factory.getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        return EventSchemas.class.getClassLoader().getResourceAsStream(path);
    }
}
