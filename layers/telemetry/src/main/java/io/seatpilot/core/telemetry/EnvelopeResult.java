package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One envelope's line in a 207 answer, in the order the envelopes were sent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvelopeResult(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("status") String status,
        @JsonProperty("reason") String reason,
        @JsonProperty("detail") String detail,
        @JsonProperty("field") String field,
        @JsonProperty("violations") List<String> violations) {

    static EnvelopeResult accepted(String eventId) {
        return new EnvelopeResult(eventId, "accepted", null, null, null, null);
    }

    static EnvelopeResult duplicate(String eventId) {
        return new EnvelopeResult(eventId, "duplicate", null, null, null, null);
    }

    static EnvelopeResult rejected(String eventId, io.seatpilot.core.http.Problem problem) {
        return new EnvelopeResult(eventId, "rejected", problem.reason(), problem.detail(), problem.field(),
                problem.violations());
    }

    public boolean isRejected() {
        return "rejected".equals(status);
    }
}
