package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.seatpilot.core.wiring.Lazy;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One schema file, compiled twice: as plain checks that settle the common, valid case, and by networknt, which has
 * the last word on anything else and words its violations (the reason codes come from them), so a refusal reads
 * exactly as before. networknt's is compiled on first use — a valid envelope never needs it, and building it for
 * every file (with the library's keyword classes) was most of what the schemas cost a cold start; the ingest
 * primer compiles them all before the SnapStart snapshot ({@link EventSchemas#compileAll}).
 */
public final class CompiledSchema {

    private final SchemaCheck fast;
    private final Lazy<JsonSchema> full;

    private CompiledSchema(SchemaCheck fast, Supplier<JsonSchema> full) {
        this.fast = fast;
        this.full = new Lazy<>(full);
    }

    static CompiledSchema of(JsonNode schema, Supplier<JsonSchema> full) {
        return new CompiledSchema(SchemaCheck.compile(schema), full);
    }

    public SchemaCheck fast() {
        return fast;
    }

    public JsonSchema full() {
        return full.get();
    }

    /** The violations of {@code node}; none when valid. */
    public Set<ValidationMessage> violations(JsonNode node) {
        return fast.check(node) == SchemaCheck.Verdict.VALID ? Set.of() : full().validate(node);
    }
}
