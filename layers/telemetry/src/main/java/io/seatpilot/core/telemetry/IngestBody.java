package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.JsonBodies;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /v1/events}: one envelope, or {@code {"events":[…]}} with 1–100 envelopes. */
public sealed interface IngestBody {

    int MAX_BATCH_BYTES = 256 * 1024;
    int MAX_BATCH_ENVELOPES = 100;

    /** One envelope as sent, with its encoded size for the per-envelope limit. */
    record Item(JsonNode node, int sizeBytes) {
    }

    record Single(Item envelope) implements IngestBody {
    }

    record Batch(List<Item> envelopes) implements IngestBody {
    }

    static IngestBody parse(byte[] body) {
        JsonNode root = JsonBodies.tree(body);
        if (root == null || root.isMissingNode()) {
            throw new ApiException(Reason.MALFORMED_JSON, "Body is empty");
        }
        if (root.isObject() && root.size() == 1 && root.has("events")) {
            JsonNode events = root.get("events");
            if (!events.isArray() || events.isEmpty() || events.size() > MAX_BATCH_ENVELOPES) {
                throw ApiException.field(Reason.SCHEMA_MISMATCH, "events", "A batch holds 1 to 100 envelopes");
            }
            List<Item> items = new ArrayList<>(events.size());
            events.forEach(e -> items.add(new Item(e, Json.write(e).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)));
            return new Batch(List.copyOf(items));
        }
        return new Single(new Item(root, body.length));
    }

    /**
     * Tells a batch from a single envelope without building a tree, so the 16 KiB single-envelope limit can be
     * applied before signature work (SPEC §4 check 1). Unparseable bodies count as single envelopes.
     */
    static boolean looksLikeBatch(byte[] body) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            return parser.nextToken() == JsonToken.FIELD_NAME && "events".equals(parser.currentName());
        } catch (IOException e) {
            return false;
        }
    }
}
