package io.seatpilot.local.it.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.Api;
import java.util.Optional;
import java.util.Set;

/** The shapes SPEC §13 allows for an answer that is not a success. */
final class Answers {

    /** Statuses API Gateway answers itself, with its own {@code {"message": …}} body. */
    static final Set<Integer> GATEWAY_STATUSES = Set.of(401, 403, 404, 413);

    private Answers() {
    }

    /** Why {@code answer} breaks SPEC §13 (a 5xx, or a refusal without a problem body and reason), if it does. */
    static Optional<String> violation(Api.Answer answer) {
        if (answer.status() >= 500) {
            return Optional.of("5xx");
        }
        if (answer.status() < 300) {
            return Optional.empty();
        }
        if (answer.status() == 303) {
            // a page's own form is sent back to its page (post/redirect/get): only to a path of this origin
            return answer.header("location").filter(to -> to.startsWith("/") && !to.startsWith("//")).isPresent()
                    ? Optional.empty() : Optional.of("a 303 that sends the browser elsewhere");
        }
        JsonNode body = json(answer.body());
        if (answer.contentType().startsWith("application/problem+json")) {
            if (body == null || !body.path("reason").isTextual() || body.path("reason").asText().isEmpty()) {
                return Optional.of("problem+json without a reason");
            }
            if (body.path("status").asInt() != answer.status()) {
                return Optional.of("problem status " + body.path("status") + " differs from the HTTP status");
            }
            return Optional.empty();
        }
        if (GATEWAY_STATUSES.contains(answer.status()) && body != null && body.path("message").isTextual()) {
            return Optional.empty();
        }
        return Optional.of("a " + answer.status() + " that is neither problem+json with a reason nor the gateway's message");
    }

    /** The problem's reason, or {@code gateway} for the gateway's own message. */
    static String reason(Api.Answer answer) {
        JsonNode body = json(answer.body());
        if (body == null) {
            return null;
        }
        if (body.has("reason")) {
            return body.get("reason").asText();
        }
        return body.has("message") ? "gateway" : null;
    }

    private static JsonNode json(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (Exception e) {
            return null;
        }
    }
}
