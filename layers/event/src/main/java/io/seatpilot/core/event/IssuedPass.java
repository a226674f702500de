package io.seatpilot.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A freshly issued pass: the only moment its token and its short code exist on the server. {@code code} is
 * set by {@link PassStore#store}, in canonical form.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssuedPass(@JsonProperty("guest_id") String guestId, @JsonProperty("household_id") String householdId,
                         @JsonProperty("token") String token, @JsonProperty("code") String code) {
    public IssuedPass(String guestId, String householdId, String token) {
        this(guestId, householdId, token, null);
    }

    IssuedPass withCode(String newCode) {
        return new IssuedPass(guestId, householdId, token, newCode);
    }
}
