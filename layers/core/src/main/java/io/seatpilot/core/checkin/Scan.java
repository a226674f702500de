package io.seatpilot.core.checkin;

/**
 * One identification of a guest at the door. {@code checkedInAt} is the scan's own time (offline scans carry the
 * real, earlier time), {@code recordedAt} the server's; {@code zoneId} is the zone counted in headcounts.
 */
public record Scan(String guestId, String checkinId, long checkedInAt, long recordedAt, String deviceId, String mode,
                   String zoneId) {

    /** Earliest scan wins; equal times fall back to the check-in id so every replica decides alike. */
    public boolean isEarlierThan(Scan other) {
        return checkedInAt != other.checkedInAt ? checkedInAt < other.checkedInAt
                : checkinId.compareTo(other.checkinId) < 0;
    }

    public FirstCheckin asFirst() {
        return new FirstCheckin(checkinId, checkedInAt, deviceId);
    }
}
