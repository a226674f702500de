package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What ingest puts on the queue: accepted envelopes of one request with who sent them and when. The message id
 * and each envelope's receipt id are fixed here, so a redelivered message is recognised as the same work.
 * {@code replay}: the envelopes are an admin's replay of the quarantine (SPEC §5), so a fact stored before but not
 * applied then is applied now rather than passed over as a duplicate.
 */
public record IngestMessage(
        @JsonProperty("message_id") String messageId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("received_at") long receivedAt,
        @JsonProperty("envelopes") List<Entry> envelopes,
        @JsonProperty("replay") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean replay) {

    /**
     * One accepted envelope. {@code stopId}: the stop its fact applies at (SPEC §16), the one the sending kiosk was
     * set to when the fact was scanned (see {@link StopOfFact}); absent for a kiosk set to none then, and for an
     * envelope that names no party.
     */
    public record Entry(
            @JsonProperty("receipt_id") String receiptId,
            @JsonProperty("content_hash") String contentHash,
            @JsonProperty("envelope") ObjectNode envelope,
            @JsonProperty("stop_id") @JsonInclude(JsonInclude.Include.NON_NULL) String stopId) {

        public Entry(String receiptId, String contentHash, ObjectNode envelope) {
            this(receiptId, contentHash, envelope, null);
        }
    }
}
