package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What ingest puts on the queue: accepted envelopes of one request with who sent them and when. The message id
 * and each envelope's receipt id are fixed here, so a redelivered message is recognised as the same work.
 */
public record IngestMessage(
        @JsonProperty("message_id") String messageId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("received_at") long receivedAt,
        @JsonProperty("envelopes") List<Entry> envelopes) {

    public record Entry(
            @JsonProperty("receipt_id") String receiptId,
            @JsonProperty("content_hash") String contentHash,
            @JsonProperty("envelope") ObjectNode envelope) {
    }
}
