package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.util.Set;

/**
 * One schema file, compiled twice when the layer starts: as plain checks that settle the common, valid case,
 * and by networknt, which has the last word on anything else and words its violations (the reason codes come
 * from them), so a refusal reads exactly as before.
 */
public record CompiledSchema(SchemaCheck fast, JsonSchema full) {

    static CompiledSchema of(JsonNode schema, JsonSchema full) {
        return new CompiledSchema(SchemaCheck.compile(schema), full);
    }

    /** The violations of {@code node}; none when valid. */
    public Set<ValidationMessage> violations(JsonNode node) {
        return fast.check(node) == SchemaCheck.Verdict.VALID ? Set.of() : full.validate(node);
    }
}
