package io.seatpilot.core.personal;

import java.util.Locale;

/**
 * The guest fields that say more about a person than a door needs (SPEC §16): sealed before they reach DynamoDB,
 * opened only for admins and planners. Each is stored as {@code sealed_<wire>} (binary).
 */
public enum SealedField {
    EMAIL, PHONE, DIETARY, NOTES,
    /**
     * The guest's current pass token, kept (only) so that invitations and reminders can carry the guest's link:
     * sealed under the event's data key like a contact, never on the guest item, gone with the pass it opens.
     */
    PASS_LINK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String attribute() {
        return "sealed_" + wire();
    }
}
