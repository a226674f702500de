package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates one telemetry envelope (SPEC §5) and turns schema violations into the contract's reason codes:
 * a missing envelope field is {@code envelope_missing}, a value outside an enum is {@code invalid_enum}, an
 * unknown event is {@code unknown_event}, anything else is {@code schema_mismatch} with the violations listed.
 */
public final class EnvelopeValidator {

    public static final int MAX_ENVELOPE_BYTES = 16 * 1024;
    public static final int MAX_FREE_PAYLOAD_BYTES = 4 * 1024;

    private final EventSchemas schemas;

    public EnvelopeValidator(EventSchemas schemas) {
        this.schemas = schemas;
    }

    public EnvelopeCheck validate(JsonNode node, int sizeBytes, String credentialTenantId) {
        String eventId = node.path("event_id").textValue(); // null unless a string
        if (sizeBytes > MAX_ENVELOPE_BYTES) {
            return reject(eventId, Problem.of(Reason.PAYLOAD_TOO_LARGE, "Envelope larger than 16 KiB"));
        }
        if (!(node instanceof ObjectNode envelope)) {
            return reject(eventId, Problem.of(Reason.SCHEMA_MISMATCH, "An envelope must be a JSON object"));
        }
        JsonNode version = envelope.get("schema_version");
        if (version != null && version.isTextual() && !version.asText().startsWith("1.")) {
            return reject(eventId, Problem.of(Reason.SCHEMA_VERSION_UNSUPPORTED,
                    "Schema version " + version.asText() + " is not supported; this server reads 1.x")
                    .withField("schema_version"));
        }
        Optional<EnvelopeCheck> valid = checkedWhileHashed(envelope, credentialTenantId);
        if (valid.isPresent()) {
            return valid.get();
        }
        Optional<Problem> envelopeProblem = problemOf(schemas.envelope().violations(envelope), "");
        if (envelopeProblem.isPresent()) {
            return reject(eventId, envelopeProblem.get());
        }
        if (!envelope.get("tenant_id").asText().equals(credentialTenantId)) {
            return reject(eventId, Problem.of(Reason.TENANT_MISMATCH, "Envelope tenant differs from the key's tenant")
                    .withField("tenant_id"));
        }
        String eventName = envelope.get("event_name").textValue(); // a string: the envelope schema held
        String canonical = schemas.canonicalName(eventName);
        var payloadSchema = schemas.payload(canonical);
        if (payloadSchema.isEmpty()) {
            return reject(eventId, Problem.of(Reason.UNKNOWN_EVENT, "Unknown event " + canonical).withField("event_name"));
        }
        JsonNode payload = envelope.get("payload");
        Optional<Problem> payloadProblem = problemOf(payloadSchema.get().violations(payload), "payload.");
        if (payloadProblem.isPresent()) {
            return reject(eventId, payloadProblem.get());
        }
        if (EventSchemas.isFreeFamily(canonical)
                && payload.toString().getBytes(StandardCharsets.UTF_8).length > MAX_FREE_PAYLOAD_BYTES) {
            return reject(eventId, Problem.of(Reason.SCHEMA_MISMATCH, "Payload larger than 4 KiB")
                    .withField("payload").withViolations(List.of("payload: larger than 4 KiB")));
        }
        if (!canonical.equals(eventName)) {
            envelope.put("event_name", canonical); // the tree is this request's own parse: no copy needed
        }
        return new EnvelopeCheck.Valid(new ValidEnvelope(eventId, canonical,
                envelope.path("session_id").asText(null), envelope.get("ts_ms").asLong(),
                ContentHash.of(envelope), envelope));
    }

    /**
     * The usual case in one walk of the tree: the envelope of the credential's tenant, with a canonical event name
     * the catalogue knows, found valid by the compiled checks of the envelope and of its payload while its content
     * hash is written (issue 16: walking it once per schema and again for the hash was much of ingest's CPU).
     * Empty for anything else — a legacy name, which is renamed before hashing, included — and then the checks
     * below decide, one by one, with their reasons; they decide the same for whatever this accepts.
     */
    private Optional<EnvelopeCheck> checkedWhileHashed(ObjectNode envelope, String credentialTenantId) {
        JsonNode tenant = envelope.get("tenant_id");
        JsonNode name = envelope.get("event_name");
        if (tenant == null || !credentialTenantId.equals(tenant.textValue()) || name == null || !name.isTextual()) {
            return Optional.empty();
        }
        String eventName = name.textValue();
        var payloadSchema = schemas.payload(eventName);
        if (payloadSchema.isEmpty() || !schemas.canonicalName(eventName).equals(eventName)
                || EventSchemas.isFreeFamily(eventName)) { // free payloads are also measured: left to the checks below
            return Optional.empty();
        }
        return ContentHash.ifValid(envelope, schemas.envelope().fast(), "payload", payloadSchema.get().fast())
                .map(hash -> new EnvelopeCheck.Valid(new ValidEnvelope(envelope.get("event_id").textValue(), eventName,
                        envelope.path("session_id").asText(null), envelope.get("ts_ms").asLong(), hash, envelope)));
    }

    private static EnvelopeCheck reject(String eventId, Problem problem) {
        return new EnvelopeCheck.Rejected(eventId, problem);
    }

    /**
     * Envelope rules map to their own reasons (a missing field, a value outside an enum); payload rules are
     * always {@code schema_mismatch} with every violation listed, so a client fixes its payload in one go.
     */
    private static Optional<Problem> problemOf(Set<ValidationMessage> messages, String prefix) {
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        List<ValidationMessage> sorted = messages.stream()
                .sorted(Comparator.comparing(m -> m.getInstanceLocation().toString())).toList();
        boolean envelopeLevel = prefix.isEmpty();
        if (envelopeLevel) {
            var missing = sorted.stream().filter(m -> "required".equals(m.getType())).findFirst();
            if (missing.isPresent()) {
                String field = field(missing.get(), prefix);
                return Optional.of(Problem.of(Reason.ENVELOPE_MISSING, "Required field " + field + " is missing").withField(field));
            }
            var badEnum = sorted.stream().filter(m -> "enum".equals(m.getType())).findFirst();
            if (badEnum.isPresent()) {
                String field = field(badEnum.get(), prefix);
                return Optional.of(Problem.of(Reason.INVALID_ENUM, field + " has a value outside its allowed set").withField(field));
            }
        }
        List<String> violations = sorted.stream().map(m -> prefix + m.getMessage().replaceFirst("^\\$\\.?", "")).toList();
        return Optional.of(Problem.of(Reason.SCHEMA_MISMATCH, violations.size() + " schema violation(s)")
                .withField(field(sorted.getFirst(), prefix)).withViolations(violations));
    }

    /** The offending field's dotted path; for missing or unknown properties, the property itself. */
    private static String field(ValidationMessage message, String prefix) {
        String parent = join(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), path(message));
        return switch (message.getType()) {
            case "required", "additionalProperties" -> join(parent, message.getProperty());
            case "dependentRequired" -> join(parent, String.valueOf(message.getArguments()[0]));
            default -> parent;
        };
    }

    private static String path(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        return location.startsWith("$.") ? location.substring(2) : location.equals("$") ? "" : location;
    }

    private static String join(String parent, String child) {
        if (parent.isEmpty() || child.isEmpty()) {
            return parent.isEmpty() ? child : parent;
        }
        return parent + "." + child;
    }
}
