package io.seatpilot.core.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.store.Ids;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.event.ShortCodes;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.telemetry.ClientTimes;
import io.seatpilot.core.http.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One check-in, whether it came online ({@code POST …/checkins}) or offline (a {@code checkin.success}
 * envelope): both are read into this shape so the same rules apply to both. {@code resentAttemptId} is the
 * {@code checkin_id} of an online attempt an offline kiosk could not confirm and now uploads again.
 */
public record CheckinRequest(String eventId, String checkinId, Identity identity, String mode, long scannedAt,
                             String sessionId, String resentAttemptId) {

    /** Whether a held check-in is this one (or the online attempt this upload re-sends). */
    public boolean isSameCheckin(String heldCheckinId) {
        return heldCheckinId.equals(checkinId) || heldCheckinId.equals(resentAttemptId);
    }

    private static final Pattern SESSION = Pattern.compile("[^\\p{Cntrl}]{1,128}");

    /** The body of {@code POST /v1/events/{eventId}/checkins}, received at {@code now}; refusals are 422 with the field. */
    public static CheckinRequest online(String eventId, ObjectNode body, long now) {
        String checkinId = text(body, "checkin_id", Ids.UUID, true);
        String mode = text(body, "mode", Pattern.compile("qr|code|name|household"), true);
        JsonNode scanned = body.get("scanned_at");
        if (scanned == null || !scanned.canConvertToLong() || !scanned.isIntegralNumber() || scanned.asLong() <= 0) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "scanned_at", "scanned_at must be epoch milliseconds");
        }
        return new CheckinRequest(eventId, checkinId, identity(body, mode), mode, ClientTimes.require("scanned_at", scanned.asLong(), now),
                text(body, "session_id", SESSION, false), null);
    }

    /**
     * A {@code checkin.success} envelope uploaded through ingest (already schema-valid). Its check-in id is the
     * envelope's event id — where its raw event is stored, so an undo finds it — and the payload's
     * {@code checkin_id}, when given, names the online attempt it re-sends; its time is the scan's, not the upload's.
     */
    public static CheckinRequest offline(JsonNode envelope) {
        ObjectNode payload = (ObjectNode) envelope.get("payload");
        String mode = payload.get("mode").asText();
        String checkinId = envelope.get("event_id").asText();
        String resent = payload.hasNonNull("checkin_id") ? payload.get("checkin_id").asText() : null;
        long scannedAt = payload.hasNonNull("scanned_at") ? payload.get("scanned_at").asLong() : envelope.get("ts_ms").asLong();
        return new CheckinRequest(payload.get("event").asText(), checkinId, identity(payload, mode), mode, scannedAt,
                envelope.path("session_id").asText(null), checkinId.equals(resent) ? null : resent);
    }

    /**
     * Exactly one of pass, guest_id, household_pass (with guest_ids and mode household), code (mode code; with
     * guest_ids when it is a household's code).
     */
    static Identity identity(ObjectNode body, String mode) {
        String pass = text(body, "pass", Ids.PASS, false);
        String guestId = text(body, "guest_id", Ids.ITEM, false);
        String householdPass = text(body, "household_pass", Ids.PASS, false);
        String code = code(body);
        int given = (pass != null ? 1 : 0) + (guestId != null ? 1 : 0) + (householdPass != null ? 1 : 0) + (code != null ? 1 : 0);
        if (given != 1) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "pass", "Give exactly one of pass, guest_id, household_pass, code");
        }
        JsonNode ids = body.get("guest_ids");
        if (code != null) {
            if (!"code".equals(mode)) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "mode", "A short code is checked in with mode code");
            }
            return new Identity.ByCode(code, ids == null ? List.of() : members(ids));
        }
        if (householdPass == null) {
            if (ids != null) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "guest_ids", "guest_ids goes with household_pass only");
            }
            return pass != null ? new Identity.ByPass(pass) : new Identity.ByGuest(guestId);
        }
        if (!"household".equals(mode)) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "mode", "A household pass is checked in with mode household");
        }
        if (ids == null) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "guest_ids", "guest_ids must list the members who arrived");
        }
        return new Identity.ByHousehold(householdPass, members(ids));
    }

    /** A short code as typed, in canonical form; malformed → 422 field code (never echoing what was typed). */
    private static String code(ObjectNode body) {
        JsonNode value = body.get("code");
        if (value == null || value.isNull()) {
            return null;
        }
        return (value.isTextual() ? ShortCodes.canonical(value.asText()) : java.util.Optional.<String>empty())
                .orElseThrow(() -> ApiException.field(Reason.VALIDATION_FAILED, "code",
                        "code must be 8 characters of 0-9 and A-Z without U (hyphens and spaces are ignored)"));
    }

    private static List<String> members(JsonNode ids) {
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 100) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "guest_ids", "guest_ids must list the members who arrived");
        }
        List<String> members = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual() || !Ids.isItem(id.asText()) || members.contains(id.asText())) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "guest_ids", "guest_ids must be distinct guest ids");
            }
            members.add(id.asText());
        }
        return members;
    }

    static String text(ObjectNode body, String field, Pattern format, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.field(Reason.VALIDATION_FAILED, field, field + " is required");
            }
            return null;
        }
        if (!value.isTextual() || !format.matcher(value.asText()).matches()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, field, field + " is malformed");
        }
        return value.asText();
    }
}
