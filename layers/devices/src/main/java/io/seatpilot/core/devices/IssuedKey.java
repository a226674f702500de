package io.seatpilot.core.devices;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The one answer that ever carries a device secret: the admin API returns it at issue time only. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record IssuedKey(
        @JsonProperty("key_id") String keyId,
        @JsonProperty("secret") String secret,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("role") String role,
        @JsonProperty("events") List<String> events,
        @JsonProperty("expires_at") Long expiresAt,
        @JsonProperty("revoked_key_ids") List<String> revokedKeyIds,
        @JsonProperty("stop_id") String stopId) {

    /** Never print the secret by accident. */
    @Override
    public String toString() {
        return "IssuedKey[keyId=" + keyId + ", deviceId=" + deviceId + ", role=" + role + "]";
    }
}
