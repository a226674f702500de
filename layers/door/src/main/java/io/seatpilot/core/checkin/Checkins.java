package io.seatpilot.core.checkin;

import io.seatpilot.core.store.Ids;
import io.seatpilot.core.http.JsonBodies;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The door's rules as the functions call them: {@link DoorRules} with its refusals answered as the contract's
 * problems (SPEC §7, §13), for the check-in API, the worker's offline path and day-of seating alike.
 */
public final class Checkins {

    public static final long UNDO_WINDOW_MILLIS = DoorRules.UNDO_WINDOW_MILLIS;
    public static final int MAX_COUNTING = DoorRules.MAX_COUNTING;

    private final DoorRules rules;

    public Checkins(DoorRules rules) {
        this.rules = rules;
    }

    /** See {@link DoorRules#counting}. */
    public Map<String, FirstCheckin> counting(String tenant, String eventId, String stopId, String commaSeparatedGuestIds) {
        return answered(() -> rules.counting(tenant, eventId, stopId, commaSeparatedGuestIds));
    }

    public CheckinResult checkIn(Actor actor, CheckinRequest request, boolean online) {
        return answered(() -> rules.checkIn(actor, request, online));
    }

    /** See {@link DoorRules#checkIn(Actor, CheckinRequest, boolean, Runnable)}. */
    public CheckinResult checkIn(Actor actor, CheckinRequest request, boolean online, Runnable beforeWrite) {
        return answered(() -> rules.checkIn(actor, request, online, beforeWrite));
    }

    /** The answer to a check-out: who left, when (the scan's time), and whether it is a repeat of the same id. */
    public record Checkout(@com.fasterxml.jackson.annotation.JsonProperty("checkout_id") String checkoutId,
                           @com.fasterxml.jackson.annotation.JsonProperty("guest_id") String guestId,
                           @com.fasterxml.jackson.annotation.JsonProperty("first_name") String firstName,
                           @com.fasterxml.jackson.annotation.JsonProperty("last_initial") String lastInitial,
                           @com.fasterxml.jackson.annotation.JsonProperty("checked_out_at") long checkedOutAt,
                           @com.fasterxml.jackson.annotation.JsonProperty("status") String status,
                           @com.fasterxml.jackson.annotation.JsonIgnore boolean repeated) {
    }

    /** See {@link DoorRules#checkOut}. */
    public Checkout checkOut(Actor actor, CheckoutRequest request, boolean online, Runnable beforeWrite) {
        return answered(() -> rules.checkOut(actor, request, online, beforeWrite));
    }

    /** The answer to an undo: which guests are no longer checked in. */
    public record Undone(String checkinId, List<String> guestIds, long undoneAt, boolean repeated) {
    }

    /** See {@link DoorRules#undo}. */
    public Undone undo(Actor actor, String event, String checkinId, long undoneAt, boolean online) {
        return answered(() -> rules.undo(actor, event, checkinId, undoneAt, online));
    }

    /** A guest confirmed at a table (SPEC §17), from the arrivals route or an uploaded {@code wayfinding.arrive_table}. */
    public record ArrivalRequest(String eventId, Identity identity, String tableId, String confirmMode, long arrivedAt,
                                 String sessionId) {

        private static final java.util.regex.Pattern CONFIRM_MODE = java.util.regex.Pattern.compile("qr|tap");

        /** The body of {@code POST …/arrivals}, received at {@code now}; refusals are 422 with the field. */
        public static ArrivalRequest online(String eventId, com.fasterxml.jackson.databind.node.ObjectNode body, long now) {
            var arrivedAt = body.get("arrived_at");
            if (arrivedAt == null || !arrivedAt.isIntegralNumber() || arrivedAt.asLong() <= 0) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "arrived_at", "arrived_at must be epoch milliseconds");
            }
            return of(eventId, body, arrivedAt.asLong(), now);
        }

        /**
         * An uploaded arrival with the fields its state change needs (the caller checked they are there), by the same
         * rules as the route; its time is the payload's, else the envelope's, held to when ingest received it.
         */
        public static ArrivalRequest offline(com.fasterxml.jackson.databind.JsonNode envelope, long received) {
            var payload = (com.fasterxml.jackson.databind.node.ObjectNode) envelope.get("payload");
            return of(payload.get("event").asText(), payload, payload.path("arrived_at").asLong(envelope.get("ts_ms").asLong()),
                    received);
        }

        private static ArrivalRequest of(String eventId, com.fasterxml.jackson.databind.node.ObjectNode fields, long arrivedAt, long now) {
            boolean byPass = fields.hasNonNull("pass");
            if (byPass == fields.hasNonNull("guest_id")) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "guest_id", "Give exactly one of guest_id, pass");
            }
            Identity identity = byPass ? new Identity.ByPass(JsonBodies.requiredText(fields, "pass", Ids.PASS))
                    : new Identity.ByGuest(JsonBodies.requiredText(fields, "guest_id", Ids.ITEM));
            return new ArrivalRequest(eventId, identity, JsonBodies.requiredText(fields, "table_id", Ids.ITEM),
                    JsonBodies.requiredText(fields, "confirm_mode", CONFIRM_MODE),
                    io.seatpilot.core.telemetry.ClientTimes.require("arrived_at", arrivedAt, now),
                    fields.path("session_id").asText(null));
        }
    }

    public record ArrivalAnswer(@com.fasterxml.jackson.annotation.JsonProperty("guest_id") String guestId,
                                @com.fasterxml.jackson.annotation.JsonProperty("table_id") String tableId,
                                @com.fasterxml.jackson.annotation.JsonProperty("arrived_at") long arrivedAt,
                                @com.fasterxml.jackson.annotation.JsonProperty("door_to_seat_seconds") Double doorToSeatSeconds,
                                @com.fasterxml.jackson.annotation.JsonProperty("at_expected_table") Boolean atExpectedTable,
                                @com.fasterxml.jackson.annotation.JsonProperty("expected_table_label") String expectedTableLabel,
                                @com.fasterxml.jackson.annotation.JsonIgnore boolean repeated) {
    }

    /** See {@link DoorRules#arrive}. */
    public ArrivalAnswer arrive(Actor actor, ArrivalRequest request, boolean online) {
        return answered(() -> rules.arrive(actor, request, online));
    }

    /** See {@link DoorRules#readAhead}. */
    public Optional<DoorRules.EarlyParty> readAhead(String tenant, CheckinRequest request) {
        return rules.readAhead(tenant, request);
    }

    /** See {@link DoorRules#checkIn(Actor, CheckinRequest, boolean, Runnable, DoorRules.EarlyParty)}. */
    public CheckinResult checkIn(Actor actor, CheckinRequest request, boolean online, Runnable beforeWrite,
                                 DoorRules.EarlyParty early) {
        return answered(() -> rules.checkIn(actor, request, online, beforeWrite, early));
    }

    private static <T> T answered(Supplier<T> rule) {
        try {
            return rule.get();
        } catch (DoorRefusal refused) {
            throw problem(refused);
        }
    }

    /** A door refusal as the contract words it: the same reason code, with the field it concerns. */
    static ApiException problem(DoorRefusal refused) {
        Reason reason = switch (refused.kind()) {
            case NOT_FOUND -> Reason.NOT_FOUND;
            case VALIDATION_FAILED -> Reason.VALIDATION_FAILED;
            case PASS_UNKNOWN -> Reason.PASS_UNKNOWN;
            case NOT_INVITED -> Reason.NOT_INVITED;
            case NOT_CHECKED_IN -> Reason.NOT_CHECKED_IN;
            case ALREADY_CHECKED_IN -> Reason.ALREADY_CHECKED_IN;
            case ALREADY_CHECKED_OUT -> Reason.ALREADY_CHECKED_OUT;
            case FORBIDDEN -> Reason.FORBIDDEN;
            case UNDO_WINDOW_PASSED -> Reason.UNDO_WINDOW_PASSED;
            case UNAVAILABLE -> Reason.UNAVAILABLE;
        };
        return refused.field() == null ? new ApiException(reason, refused.detail())
                : ApiException.field(reason, refused.field(), refused.detail());
    }
}
