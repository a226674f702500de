package io.seatpilot.core.event;

/**
 * What a pass opens: one guest, or a household, of one event. {@code guestHouseholdId} is the household a
 * guest belonged to when the pass was issued — a hint that lets the door read guest and household together;
 * the guest's own record decides.
 */
public record Pass(String eventId, String guestId, String householdId, String guestHouseholdId, long issuedAt) {
    public boolean isHousehold() {
        return householdId != null;
    }
}
