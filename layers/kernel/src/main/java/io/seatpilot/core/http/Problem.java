package io.seatpilot.core.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem body with the contract's {@code reason}. 5xx problems carry a generic detail only, so
 * no stack trace or internal name ever reaches a client.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String reason, String detail, String field,
                      List<String> violations, @JsonIgnore Long retryAfterSeconds) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem(String type, String title, int status, String reason, String detail, String field, List<String> violations) {
        this(type, title, status, reason, detail, field, violations, null);
    }

    public static Problem of(Reason reason, String detail) {
        return new Problem("https://seatpilot.io/problems/" + reason.code(), reason.title(), reason.status(),
                reason.code(), detail, null, null);
    }

    public Problem withField(String field) {
        return new Problem(type, title, status, reason, detail, field, violations, retryAfterSeconds);
    }

    public Problem withViolations(List<String> violations) {
        return new Problem(type, title, status, reason, detail, field, List.copyOf(violations), retryAfterSeconds);
    }

    /** Answered as the {@code Retry-After} header (seconds), not in the body. */
    public Problem withRetryAfter(long seconds) {
        return new Problem(type, title, status, reason, detail, field, violations, seconds);
    }
}
