package io.seatpilot.core.telemetry;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.store.Ids;
import java.util.Comparator;
import java.util.List;

/**
 * What a device may learn of its uploads that were refused after the 202 — by the worker's rules (a guest not
 * invited at the stop the kiosk stood at, a pass issued again…) — from the ids it gave its envelopes (a door's
 * check-in ids): otherwise a scan the door uploaded offline and the worker would not apply waits on its screen for
 * ever, while only operators see it in the quarantine. A kiosk learns of its own envelopes only; a person at the
 * door, of any device's at the party they asked about.
 */
public final class UploadRefusals {

    /** Ids one question may name: an upload batch's worth. */
    public static final int MAX_IDS = 100;

    /** One refused envelope: its id, the reason (SPEC §5/§7 codes), the stop it was filed at, and when it arrived. */
    public record Refusal(String eventId, String reason, String stopId, long receivedAt) {
    }

    private final QuarantineStore quarantine;

    public UploadRefusals(QuarantineStore quarantine) {
        this.quarantine = quarantine;
    }

    /**
     * The refusals still kept (7 days) of the envelopes {@code commaSeparatedIds} names (1–100 UUIDs; 422 on
     * {@code field} otherwise) that are about {@code party} and, when {@code deviceId} is not null, were sent by that
     * device; oldest first.
     */
    public List<Refusal> of(String tenantId, String party, String deviceId, String commaSeparatedIds, String field) {
        List<String> ids = Ids.list(commaSeparatedIds, MAX_IDS, Ids.UUID).orElseThrow(() -> ApiException.field(
                Reason.VALIDATION_FAILED, field, field + " must be 1 to " + MAX_IDS + " distinct ids, separated by commas"));
        return quarantine.latestOf(tenantId, ids).values().stream()
                .filter(item -> party.equals(item.event()) && (deviceId == null || deviceId.equals(item.deviceId())))
                .sorted(Comparator.comparingLong(QuarantinedItem::receivedAt))
                .map(item -> new Refusal(item.eventId(), item.reason(), item.stopId(), item.receivedAt()))
                .toList();
    }
}
