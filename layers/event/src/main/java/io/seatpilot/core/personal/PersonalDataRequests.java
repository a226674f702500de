package io.seatpilot.core.personal;

import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.PassStore;
import io.seatpilot.core.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A guest's requests about their personal data (SPEC §16, GDPR articles 15 and 17): everything held about them,
 * opened, as one document; or erasure of what identifies them while the event's anonymous counts stay right.
 * Both are written to the event's append-only audit, which names the guest by id only.
 */
public final class PersonalDataRequests {

    private final EventSetupStore guests;
    private final PassStore passes;
    private final GuestCheckins checkins;
    private final AuditLog audit;

    public PersonalDataRequests(EventSetupStore guests, PassStore passes, GuestCheckins checkins, AuditLog audit) {
        this.guests = guests;
        this.passes = passes;
        this.checkins = checkins;
        this.audit = audit;
    }

    /** Everything held about the guest, or empty when there is no such guest. */
    public Optional<Map<String, Object>> export(String tenant, String event, String guestId, String actor, long now) {
        Optional<Guest> found = guests.openGuest(tenant, event, guestId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Guest guest = found.get();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("event_id", event);
        document.put("guest_id", guest.id());
        document.put("first_name", guest.firstName());
        document.put("last_name", guest.lastName());
        document.put("email", guest.invitation().email());
        document.put("phone", guest.invitation().phone());
        document.put("locale", guest.invitation().locale());
        document.put("max_companions", guest.invitation().maxCompanions());
        document.put("dietary", guest.dietary());
        document.put("notes", guest.notes());
        document.put("tags", guest.tags().stream().sorted().toList());
        document.put("rsvp", guest.rsvp().wire());
        document.put("household", guest.householdId() == null ? null : guests.household(tenant, event, guest.householdId())
                .map(h -> Map.of("household_id", h.id(), "name", h.name())).orElse(null));
        document.put("table_id", guest.tableId());
        document.put("seat", guest.seat());
        document.put("pass_issued_at", passes.issuedAt(tenant, event, guestId).orElse(null));
        Optional<EventDefinition> definition = guests.event(tenant, event);
        List<GuestCheckins.Checkin> scans = definition.map(d -> checkins.checkinsOf(tenant, event, d, guestId))
                .orElse(List.of());
        // "checkin" stays the first stop's, as before events had stops; "checkins" holds every stop's
        String firstStop = definition.map(d -> d.effectiveStops().getFirst().id()).orElse(null);
        document.put("checkin", scans.stream().filter(scan -> scan.stopId().equals(firstStop)).findFirst()
                .map(PersonalDataRequests::checkin).orElse(null));
        document.put("checkins", scans.stream().map(PersonalDataRequests::checkin).toList());
        document.put("exported_at", now);
        record(tenant, event, "personal_data.exported", actor, guestId, now);
        return Optional.of(document);
    }

    private static Map<String, Object> checkin(GuestCheckins.Checkin scan) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("stop_id", scan.stopId());
        state.put("checkin_id", scan.checkinId());
        state.put("checked_in_at", scan.checkedInAt());
        state.put("device_id", scan.deviceId());
        state.put("mode", scan.mode());
        return state;
    }

    /** Erases the guest's personal data and revokes their pass; false when there is no such guest. */
    public boolean erase(String tenant, String event, String guestId, String actor, long now) {
        if (!guests.erase(tenant, event, guestId, now)) {
            return false;
        }
        passes.revokeGuest(tenant, event, guestId);
        record(tenant, event, "personal_data.erased", actor, guestId, now);
        return true;
    }

    private void record(String tenant, String event, String action, String actor, String guestId, long now) {
        audit.append(tenant, new AuditLog.Entry(UUID.randomUUID().toString(), event, action, actor, guestId, now, Map.of()));
    }
}
