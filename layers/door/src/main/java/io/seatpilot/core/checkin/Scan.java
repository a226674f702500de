package io.seatpilot.core.checkin;

/**
 * One identification of a guest at the door. {@code checkedInAt} is the scan's own time (offline scans carry the
 * real, earlier time), {@code recordedAt} the server's; {@code zoneId} is the zone counted in headcounts.
 * Read back from a guest's state item it also says whether the guest is out now ({@code exit}: the check-out that
 * counts) and which scan last let them back in ({@code reentryId}, scanned at {@code reentryAt}), so a check-in
 * holds the guest for the whole event while presence comes and goes.
 */
public record Scan(String guestId, String checkinId, long checkedInAt, long recordedAt, String deviceId, String mode,
                   String zoneId, Exit exit, String reentryId, long reentryAt) {

    /** A check-out that counts: its id, the scan's time, the device. */
    public record Exit(String checkoutId, long at, String deviceId) {
    }

    public Scan(String guestId, String checkinId, long checkedInAt, long recordedAt, String deviceId, String mode,
                String zoneId) {
        this(guestId, checkinId, checkedInAt, recordedAt, deviceId, mode, zoneId, null, null, 0);
    }

    /** When the guest last came in: the check-in's scan, or the latest re-entry's. */
    public long enteredAt() {
        return reentryId != null ? reentryAt : checkedInAt;
    }

    public boolean isOut() {
        return exit != null;
    }

    /**
     * This (earlier) scan holding the guest with {@code holder}'s presence: a supersede must not bring a guest who
     * left back in, and the displaced scan still says the guest came in at its time (their latest entry, unless a
     * re-entry is later).
     */
    Scan withPresenceOf(Scan holder) {
        return new Scan(guestId, checkinId, checkedInAt, recordedAt, deviceId, mode, zoneId, holder.exit,
                holder.reentryId != null ? holder.reentryId : holder.checkinId, holder.enteredAt());
    }


    /** Earliest scan wins; equal times fall back to the check-in id so every replica decides alike. */
    public boolean isEarlierThan(Scan other) {
        return checkedInAt != other.checkedInAt ? checkedInAt < other.checkedInAt
                : checkinId.compareTo(other.checkinId) < 0;
    }

    public FirstCheckin asFirst() {
        return new FirstCheckin(checkinId, checkedInAt, deviceId);
    }
}
