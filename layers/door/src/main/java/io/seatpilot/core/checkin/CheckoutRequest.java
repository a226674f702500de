package io.seatpilot.core.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.store.Ids;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.telemetry.ClientTimes;
import io.seatpilot.core.http.Reason;

/**
 * One check-out (SPEC §17): {@code checkout_id} is its idempotency key, the guest named by {@code guest_id},
 * {@code pass} or {@code code} — a guest's own, since a household leaves member by member.
 */
public record CheckoutRequest(String eventId, String checkoutId, Identity identity, long scannedAt) {

    /** The body of {@code POST /v1/events/{eventId}/checkouts}, received at {@code now}; refusals are 422 with the field. */
    public static CheckoutRequest online(String eventId, ObjectNode body, long now) {
        String checkoutId = CheckinRequest.text(body, "checkout_id", Ids.UUID, true);
        JsonNode scanned = body.get("scanned_at");
        if (scanned == null || !scanned.canConvertToLong() || !scanned.isIntegralNumber() || scanned.asLong() <= 0) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "scanned_at", "scanned_at must be epoch milliseconds");
        }
        if (body.has("household_pass") || body.has("guest_ids")) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "household_pass", "A check-out names one guest");
        }
        Identity identity = CheckinRequest.identity(body, body.hasNonNull("code") ? "code" : "qr");
        return new CheckoutRequest(eventId, checkoutId, identity, ClientTimes.require("scanned_at", scanned.asLong(), now));
    }

    /**
     * A {@code checkin.checkout} envelope uploaded through ingest (already schema-valid, with event and one of
     * guest_id, pass): its id is the envelope's event id, its time the scan's ({@code scanned_at}, else {@code ts_ms}).
     */
    public static CheckoutRequest offline(JsonNode envelope) {
        ObjectNode payload = (ObjectNode) envelope.get("payload");
        long scannedAt = payload.hasNonNull("scanned_at") ? payload.get("scanned_at").asLong() : envelope.get("ts_ms").asLong();
        Identity identity = payload.hasNonNull("guest_id") ? new Identity.ByGuest(payload.get("guest_id").asText())
                : new Identity.ByPass(payload.get("pass").asText());
        return new CheckoutRequest(payload.get("event").asText(), envelope.get("event_id").asText(), identity, scannedAt);
    }
}
