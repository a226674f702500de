package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.wiring.Lazy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JSON Schemas of {@code schemas/} (shipped inside the layer), compiled once when this is built. Which name
 * uses which schema is {@code event-catalog.json}'s to say: its named events, and its wildcard families
 * ({@code quality.*}, {@code nps.*}) whose every name shares the family's one schema. A kiosk picks wildcard
 * names freely, so nothing here is keyed by an event name a client sent: memory stays one schema per file.
 * networknt's json-schema-validator is used because it supports draft 2020-12, works on Jackson trees we already
 * parse, and reports each violation with its type and location, which the reason codes are derived from; each
 * file is also compiled into plain checks ({@link CompiledSchema}) that settle valid envelopes without it, so
 * networknt (its factory and each file's schema) is built on first need only.
 */
public final class EventSchemas {

    private static final String ROOT = "schemas/";

    private final Lazy<JsonSchemaFactory> factory = new Lazy<>(() -> JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012));
    private final CompiledSchema envelope;
    private final Map<String, String> legacyNames;
    private final Map<String, CompiledSchema> named = new HashMap<>();
    private final Map<Pattern, CompiledSchema> wildcards = new LinkedHashMap<>();

    public EventSchemas() {
        this.envelope = load("envelope.schema.json");
        this.legacyNames = Map.copyOf(Json.MAPPER.convertValue(read("legacy-event-names.json"),
                new TypeReference<Map<String, String>>() { }));
        JsonNode catalog = read("event-catalog.json");
        Map<String, CompiledSchema> byFile = new HashMap<>();
        catalog.get("events").properties().forEach(e ->
                named.put(e.getKey(), byFile.computeIfAbsent(e.getValue().asText(), this::load)));
        catalog.get("wildcards").forEach(family -> wildcards.put(Pattern.compile(family.get("name_pattern").asText()),
                byFile.computeIfAbsent(family.get("schema").asText(), this::load)));
    }

    public CompiledSchema envelope() {
        return envelope;
    }

    /** Maps legacy names of earlier app versions to canonical {@code family.name}. */
    public String canonicalName(String eventName) {
        return legacyNames.getOrDefault(eventName, eventName);
    }

    /** The payload schema of a canonical event name; empty when the catalogue does not know it. */
    public Optional<CompiledSchema> payload(String canonicalName) {
        CompiledSchema schema = named.get(canonicalName);
        if (schema != null) {
            return Optional.of(schema);
        }
        return wildcards.entrySet().stream().filter(w -> w.getKey().matcher(canonicalName).matches())
                .findFirst().map(Map.Entry::getValue);
    }

    /**
     * Compiles every file's networknt schema now, for a primer: a function's snapshot then holds them, and no
     * restored environment compiles one on its first refusal.
     */
    public void compileAll() {
        Stream.concat(Stream.of(envelope), Stream.concat(named.values().stream(), wildcards.values().stream()))
                .forEach(CompiledSchema::full);
    }

    /** {@code quality.*} and {@code nps.*} accept any event name of their family with a free payload. */
    public static boolean isFreeFamily(String canonicalName) {
        return canonicalName.startsWith("quality.") || canonicalName.startsWith("nps.");
    }

    private CompiledSchema load(String file) {
        JsonNode schema = read(file);
        return CompiledSchema.of(schema, () -> factory.get().getSchema(schema));
    }

    private static JsonNode read(String file) {
        try (InputStream in = resource(file)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String file) {
        InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(ROOT + file);
        if (in == null) {
            throw new IllegalStateException(ROOT + file + " missing from the classpath");
        }
        return in;
    }
}
