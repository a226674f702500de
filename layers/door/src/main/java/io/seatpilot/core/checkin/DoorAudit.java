package io.seatpilot.core.checkin;

import io.seatpilot.core.audit.AuditLog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit entries of door actions (SPEC §17), written inside the action's own transaction. Entry ids are derived
 * from the action's id, so a retried action cannot append twice; {@code at} is the server's time of the change and
 * the scan's own time is a detail (offline scans are older than their upload).
 */
final class DoorAudit {

    private DoorAudit() {
    }

    static AuditLog.Entry checkin(Actor actor, CheckinRequest request, List<Scan> claimed, boolean online, long now) {
        Map<String, String> details = details(actor, online, request.scannedAt());
        details.put("mode", request.mode());
        if (claimed.size() > 1) {
            details.put("guest_ids", String.join(",", claimed.stream().map(Scan::guestId).toList()));
        }
        return new AuditLog.Entry("checkin-" + request.checkinId(), request.eventId(),
                "checkin", actor.auditId(), claimed.getFirst().guestId(), now, details);
    }

    static AuditLog.Entry reentry(Actor actor, String event, Scan entry, Scan held, boolean online, long now) {
        Map<String, String> details = details(actor, online, entry.checkedInAt());
        details.put("checkin_id", entry.checkinId());
        details.put("after_checkout_id", held.exit().checkoutId());
        return new AuditLog.Entry("reentry-" + entry.checkinId() + "-" + entry.guestId(),
                event, "reentry", actor.auditId(), entry.guestId(), now, details);
    }

    static AuditLog.Entry checkout(Actor actor, String event, String guestId, Scan.Exit exit, boolean online, long now) {
        Map<String, String> details = details(actor, online, exit.at());
        details.put("checkout_id", exit.checkoutId());
        return new AuditLog.Entry("checkout-" + exit.checkoutId() + "-" + guestId, event,
                "checkout", actor.auditId(), guestId, now, details);
    }

    static AuditLog.Entry undo(Actor actor, String event, String checkinId, List<Scan> released,
                                            boolean online, long undoneAt, long now) {
        Map<String, String> details = details(actor, online, undoneAt);
        details.put("checkin_id", checkinId);
        if (released.size() > 1) {
            details.put("guest_ids", String.join(",", released.stream().map(Scan::guestId).toList()));
        }
        // the door's undo has no reason field: an undo always corrects a scan that should not count
        details.put("reason", "scan_corrected");
        return new AuditLog.Entry("undo-" + checkinId, event, "checkin_undone",
                actor.auditId(), released.getFirst().guestId(), now, details);
    }

    private static Map<String, String> details(Actor actor, boolean online, long scannedAt) {
        Map<String, String> details = new HashMap<>();
        details.put("channel", online ? actor.channel() : "offline_upload");
        details.put("scanned_at", Long.toString(scannedAt));
        if (actor.keyId() != null) {
            details.put("key_id", actor.keyId());
        }
        return details;
    }
}
