package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.RepoFiles;
import io.seatpilot.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of {@code schemas/TELEMETRY-CATALOGUE.md} (the product's event dictionary): an event name and its
 * payload fields with their dictionary types. Tests read the file itself, so a row added there and not to the
 * schemas fails the build. The copy in {@code schemas/} is the one CI sees; it is the shared contract's file.
 */
public record CatalogueRow(String eventName, Map<String, String> fields) {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_.]+)` \\| (.*?) \\| (.*?) \\|$");
    private static final Pattern FIELD = Pattern.compile("`([a-z0-9_]+)` \\(([a-z ]+)\\)");

    /** A keyed hash as a device would send it (hex of 128 bits). */
    public static final String HASH = "3f7a9c2e41b8d6f05e1a7c9b2d4f6e8a";

    public static List<CatalogueRow> read() {
        try {
            List<CatalogueRow> rows = new ArrayList<>();
            for (String line : Files.readAllLines(RepoFiles.root().resolve("schemas/TELEMETRY-CATALOGUE.md"))) {
                Matcher row = ROW.matcher(line);
                if (row.matches()) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    Matcher field = FIELD.matcher(row.group(2));
                    while (field.find()) {
                        fields.put(field.group(1), field.group(2));
                    }
                    rows.add(new CatalogueRow(row.group(1), fields));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every dictionary field with a value of its dictionary type, as a client built from the dictionary would
     * send it; where the schema narrows a string to the values SPEC §5 names (a check-in's mode, an exit's
     * status…), its first value.
     */
    public ObjectNode dictionaryPayload(String partyId) {
        JsonNode properties = payloadSchema().path("properties");
        ObjectNode payload = Json.MAPPER.createObjectNode();
        fields.forEach((name, type) -> {
            JsonNode values = properties.path(name).path("enum");
            switch (type) {
                case "string" -> payload.put(name, values.isArray() ? values.get(0).asText()
                        : name.equals("event") ? partyId : name.endsWith("_hash") ? HASH : "sample-" + name.length());
                case "integer" -> payload.put(name, 42);
                case "number" -> payload.put(name, 0.75);
                case "boolean" -> payload.put(name, true);
                case "array of strings" -> payload.putArray(name).add("sample-a").add("sample-b");
                default -> throw new IllegalStateException(eventName + ": unknown dictionary type " + type);
            }
        });
        return payload;
    }

    /** This row's payload schema as the catalogue file names it, or an empty object for a wildcard family. */
    public JsonNode payloadSchema() {
        try {
            JsonNode catalog = Json.MAPPER.readTree(RepoFiles.root().resolve("schemas/event-catalog.json").toFile());
            JsonNode file = catalog.path("events").path(eventName);
            return file.isMissingNode() ? Json.MAPPER.createObjectNode()
                    : Json.MAPPER.readTree(RepoFiles.root().resolve("schemas").resolve(file.asText()).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
