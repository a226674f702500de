package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A refused envelope or body, kept 7 days for operators (SPEC §5). Never holds the signature. {@code event} is the
 * party the envelope names ({@code payload.event}), when it names one: what an event-scoped admin may see.
 * {@code stopId}: the stop its fact was resolved to when it was received (SPEC §16), where a replay applies it.
 */
public record QuarantinedItem(
        @JsonProperty("id") String id,
        @JsonProperty("reason") String reason,
        @JsonProperty("detail") String detail,
        @JsonProperty("violations") List<String> violations,
        @JsonProperty("event_id") String eventId,
        @JsonProperty("event") String event,
        @JsonProperty("body") String body,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("received_at") long receivedAt,
        @JsonProperty("replayed_at") Long replayedAt,
        @JsonProperty("stop_id") @com.fasterxml.jackson.annotation.JsonInclude(
                com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String stopId) {
}
