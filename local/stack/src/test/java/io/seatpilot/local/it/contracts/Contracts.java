package io.seatpilot.local.it.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The repository's contract documents read as JSON trees, and JSON Schema validation of any value against any
 * schema inside them. OpenAPI 3.1's schemas are JSON Schema 2020-12, so a schema is found by its JSON pointer in
 * the document and validated by networknt (the validator the envelope checks use), {@code $ref}s into
 * {@code #/components} resolving against the whole document.
 */
final class Contracts {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final String uri;

    private Contracts(String name, JsonNode document, SpecVersion.VersionFlag dialect) {
        this.document = document;
        this.uri = "urn:seatpilot:" + name;
        String text = document.toString();
        this.factory = JsonSchemaFactory.getInstance(dialect, builder -> builder.schemaLoaders(loaders ->
                loaders.schemas(Map.of(uri, text))));
    }

    static Path root() {
        return Path.of(System.getProperty("seatpilot.repo.root", "../..")).toAbsolutePath().normalize();
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** openapi.yaml: its schemas are JSON Schema 2020-12 (OpenAPI 3.1's default dialect). */
    static Contracts openApi() {
        return new Contracts("openapi", read(root().resolve("openapi.yaml")), SpecVersion.VersionFlag.V202012);
    }

    /** asyncapi.yaml: AsyncAPI 3.0's default schema format is a superset of JSON Schema draft-07. */
    static Contracts asyncApi() {
        return new Contracts("asyncapi", read(root().resolve("asyncapi.yaml")), SpecVersion.VersionFlag.V7);
    }

    JsonNode document() {
        return document;
    }

    /** The violations of {@code value} against the schema at {@code pointer} (e.g. {@code /components/schemas/Problem}). */
    Set<ValidationMessage> validate(String pointer, JsonNode value) {
        JsonSchema schema = factory.getSchema(SchemaLocation.of(uri + "#" + pointer));
        return schema.validate(value);
    }

    /** A JSON pointer segment: '~' and '/' escaped (paths and media types hold slashes). */
    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    static String pointer(List<String> segments) {
        StringBuilder pointer = new StringBuilder();
        segments.forEach(segment -> pointer.append('/').append(escape(segment)));
        return pointer.toString();
    }

    static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
