package io.seatpilot.core.http;

/** Every reason code of the contract (SPEC §4, §5, §7, §8, §9, §13) with the status it answers. */
public enum Reason {
    MALFORMED_JSON(400, "Malformed JSON"),
    BAD_REQUEST(400, "Bad request"),
    UNAUTHORIZED(401, "Authentication required"),
    SIGNATURE_MISSING(401, "Signature headers missing or malformed"),
    TIMESTAMP_SKEW(401, "Request time too far from server time"),
    KEY_INVALID(401, "Unknown, revoked or expired key"),
    SIGNATURE_INVALID(401, "Signature does not match"),
    REPLAY_DETECTED(401, "Nonce already used"),
    FORBIDDEN(403, "Not allowed"),
    TENANT_MISMATCH(403, "Tenant differs from the credential's tenant"),
    NOT_INVITED(403, "Guest not invited to this event"),
    NOT_FOUND(404, "Not found"),
    PASS_UNKNOWN(404, "Pass unknown"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    ALREADY_CHECKED_IN(409, "Guest already checked in"),
    NOT_CHECKED_IN(409, "Guest not checked in"),
    ALREADY_CHECKED_OUT(409, "Guest already checked out"),
    VERSION_CONFLICT(409, "Plan version is stale"),
    CONFLICTING_DUPLICATE(409, "Event id reused with different content"),
    RSVP_CLOSED(409, "Answers closed at the RSVP deadline"),
    /** SPEC §17: no free seats fit a walk-in (together, accessible, apart from whom they must be). */
    EVENT_FULL(409, "No free seats that fit"),
    /** SPEC §17: the table a walk-in or re-seat names has no free seat left. */
    TABLE_FULL(409, "Table full"),
    /** SPEC §17: a re-seat needs a published plan to change. */
    PLAN_NOT_PUBLISHED(409, "No published seating plan"),
    /** SPEC §17: the seat breaks a hard seating rule (accessible, must_apart, lock, household), named in {@code rule}. */
    SEATING_RULE_BROKEN(422, "Breaks a seating rule"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    ENVELOPE_MISSING(422, "Required field missing"),
    INVALID_ENUM(422, "Value not allowed"),
    UNKNOWN_EVENT(422, "Unknown event name"),
    SCHEMA_MISMATCH(422, "Payload does not match its schema"),
    SCHEMA_VERSION_UNSUPPORTED(422, "Schema version not supported"),
    VALIDATION_FAILED(422, "Invalid request body"),
    MESSAGE_TOO_LONG(422, "Message longer than 7 words"),
    UNDO_WINDOW_PASSED(422, "Undo window has passed"),
    RATE_LIMITED(429, "Too many requests"),
    INTERNAL_ERROR(500, "Internal error", true),
    /** A write lost its race too often (the plan, a guest's check-in kept changing): the same request may pass later. */
    UNAVAILABLE(503, "Temporarily unavailable", true);

    private final int status;
    private final String title;
    private final boolean retryable;

    Reason(int status, String title) {
        this(status, title, false);
    }

    Reason(int status, String title, boolean retryable) {
        this.status = status;
        this.title = title;
        this.retryable = retryable;
    }

    /**
     * Whether the same request may succeed later unchanged. Decided per reason, not read off the status: a queued
     * fact is retried for these and quarantined or dropped for every other refusal.
     */
    public boolean retryable() {
        return retryable;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The wire form: lower snake case, as clients match on it. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Reason fromCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
