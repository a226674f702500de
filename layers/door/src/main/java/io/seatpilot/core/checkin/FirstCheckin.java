package io.seatpilot.core.checkin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The check-in that counts for a guest, as a 409 reports it (SPEC §7). */
public record FirstCheckin(@JsonProperty("checkin_id") String checkinId,
                           @JsonProperty("checked_in_at") long checkedInAt,
                           @JsonProperty("device_id") String deviceId) {
}
