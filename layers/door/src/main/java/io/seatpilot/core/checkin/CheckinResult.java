package io.seatpilot.core.checkin;

/** The outcome of a check-in (SPEC §7); the answer is a {@link DoorCard} or a {@link HouseholdAnswer}. */
public sealed interface CheckinResult {

    /** 201: the scan now counts (new, or offline and earlier than the one that counted). */
    record Created(Object answer) implements CheckinResult {
    }

    /** 200: a repeat of the same check-in id; nothing changed. */
    record Repeated(Object answer) implements CheckinResult {
    }

    /** 409: the guest is checked in by another scan, which is the one that counts. */
    record AlreadyCheckedIn(FirstCheckin first) implements CheckinResult {
    }
}
