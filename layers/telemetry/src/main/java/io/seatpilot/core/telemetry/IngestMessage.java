package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What ingest puts on the queue: accepted envelopes of one request with who sent them and when. The message id
 * and each envelope's receipt id are fixed here, so a redelivered message is recognised as the same work.
 * {@code stopId}: the stop the sending kiosk was set to when it uploaded (SPEC §16), where its door facts apply;
 * absent when it was set to none.
 */
public record IngestMessage(
        @JsonProperty("message_id") String messageId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("received_at") long receivedAt,
        @JsonProperty("envelopes") List<Entry> envelopes,
        @JsonProperty("stop_id") @com.fasterxml.jackson.annotation.JsonInclude(
                com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String stopId) {

    public IngestMessage(String messageId, String tenantId, String keyId, String deviceId, String requestId,
                         long receivedAt, List<Entry> envelopes) {
        this(messageId, tenantId, keyId, deviceId, requestId, receivedAt, envelopes, null);
    }

    public record Entry(
            @JsonProperty("receipt_id") String receiptId,
            @JsonProperty("content_hash") String contentHash,
            @JsonProperty("envelope") ObjectNode envelope) {
    }
}
