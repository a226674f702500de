package io.seatpilot.core.checkin;

/**
 * A door rule saying no (SPEC §7, §17), in the rules' own words: the kind of refusal, what it concerns (a request
 * field, or none) and why. {@link Checkins} turns it into the contract's problem answer; the rules know nothing
 * of HTTP.
 */
public final class DoorRefusal extends RuntimeException {

    public enum Kind {
        /** No such event (also another tenant's), check-in or undo. */
        NOT_FOUND,
        /** The request cannot be applied as given (wrong kind of pass, an undone check-in id re-sent…). */
        VALIDATION_FAILED,
        PASS_UNKNOWN,
        /** Not on this event, declined, or a pass of another event. */
        NOT_INVITED,
        NOT_CHECKED_IN,
        ALREADY_CHECKED_IN,
        ALREADY_CHECKED_OUT,
        FORBIDDEN,
        UNDO_WINDOW_PASSED,
        /** The guest's state kept changing under the rules: trying again may succeed. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String field;
    private final String detail;

    public DoorRefusal(Kind kind, String detail) {
        this(kind, null, detail);
    }

    private DoorRefusal(Kind kind, String field, String detail) {
        // an expected answer, not a fault: no stack trace to fill
        super(kind + ": " + detail, null, false, false);
        this.kind = kind;
        this.field = field;
        this.detail = detail;
    }

    /** A refusal about one field of the request. */
    public static DoorRefusal field(Kind kind, String field, String detail) {
        return new DoorRefusal(kind, field, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field concerned, or null. */
    public String field() {
        return field;
    }

    public String detail() {
        return detail;
    }

    /** Whether the same request may succeed later (the others are final: retrying cannot change them). */
    public boolean retryable() {
        return kind == Kind.UNAVAILABLE;
    }
}
