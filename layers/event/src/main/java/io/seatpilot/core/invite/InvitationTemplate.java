package io.seatpilot.core.invite;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a message says (SPEC §16): the invitation with the RSVP link, a reminder, or the pass itself. */
public enum InvitationTemplate {
    INVITATION, REMINDER, PASS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InvitationTemplate> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(value)).findFirst();
    }
}
