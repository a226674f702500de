package io.seatpilot.core.telemetry;

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
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JSON Schemas of {@code schemas/} (shipped inside the layer), each compiled once. Which name
 * uses which schema is {@code event-catalog.json}'s to say: its named events, and its wildcard families
 * ({@code quality.*}, {@code nps.*}) whose every name shares the family's one schema. A kiosk picks wildcard
 * names freely, so nothing here is keyed by an event name a client sent: memory stays one schema per file.
 * networknt's json-schema-validator is used because it supports draft 2020-12, works on Jackson trees we already
 * parse, and reports each violation with its type and location, which the reason codes are derived from; each
 * file is also compiled into plain checks ({@link CompiledSchema}) that settle valid envelopes without it, so
 * networknt (its factory and each file's schema) is built on first need only. A payload file is read and compiled
 * on the first envelope that needs it: a function's first request needs the envelope's and one payload's of the
 * catalogue's 76 payload files (the ingest primer compiles them all into the snapshot, {@link #compileAll}).
 */
public final class EventSchemas {

    private static final String ROOT = "schemas/";

    private final Lazy<JsonSchemaFactory> factory = new Lazy<>(() -> JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012));
    private final CompiledSchema envelope;
    private final Map<String, String> legacyNames;
    private final Map<String, Lazy<CompiledSchema>> named = new HashMap<>();
    private final Map<Pattern, Lazy<CompiledSchema>> wildcards = new LinkedHashMap<>();

    /** Reads {@code schemas/<file>}; the class path's, but for a test counting what is read when. */
    private final Function<String, InputStream> files;

    public EventSchemas() {
        this(file -> EventSchemas.class.getClassLoader().getResourceAsStream(ROOT + file));
    }

    EventSchemas(Function<String, InputStream> files) {
        this.files = files;
        this.envelope = load("envelope.schema.json");
        // read off the tree: a typed conversion would build a map deserializer for this one small file
        Map<String, String> legacy = new HashMap<>();
        read("legacy-event-names.json").properties().forEach(e -> legacy.put(e.getKey(), e.getValue().textValue()));
        this.legacyNames = Map.copyOf(legacy);
        JsonNode catalog = read("event-catalog.json");
        // one per file, however many names share it, so a file is compiled once
        Map<String, Lazy<CompiledSchema>> byFile = new HashMap<>();
        catalog.get("events").properties().forEach(e ->
                named.put(e.getKey(), byFile.computeIfAbsent(e.getValue().asText(), this::onFirstUse)));
        catalog.get("wildcards").forEach(family -> wildcards.put(Pattern.compile(family.get("name_pattern").asText()),
                byFile.computeIfAbsent(family.get("schema").asText(), this::onFirstUse)));
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
        Lazy<CompiledSchema> schema = named.get(canonicalName);
        if (schema != null) {
            return Optional.of(schema.get());
        }
        return wildcards.entrySet().stream().filter(w -> w.getKey().matcher(canonicalName).matches())
                .findFirst().map(w -> w.getValue().get());
    }

    /**
     * Compiles every file, both halves, now, for a primer: a function's snapshot then holds them, and no restored
     * environment reads or compiles one on its first envelope of a kind or its first refusal.
     */
    public void compileAll() {
        Stream.concat(Stream.of(envelope), Stream.concat(named.values().stream(), wildcards.values().stream()).map(Lazy::get))
                .forEach(CompiledSchema::full);
    }

    /** {@code quality.*} and {@code nps.*} accept any event name of their family with a free payload. */
    public static boolean isFreeFamily(String canonicalName) {
        return canonicalName.startsWith("quality.") || canonicalName.startsWith("nps.");
    }

    private Lazy<CompiledSchema> onFirstUse(String file) {
        return new Lazy<>(() -> load(file));
    }

    private CompiledSchema load(String file) {
        JsonNode schema = read(file);
        return CompiledSchema.of(schema, () -> factory.get().getSchema(schema));
    }

    private JsonNode read(String file) {
        try (InputStream in = resource(file)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream resource(String file) {
        InputStream in = files.apply(file);
        if (in == null) {
            throw new IllegalStateException(ROOT + file + " missing from the classpath");
        }
        return in;
    }
}
