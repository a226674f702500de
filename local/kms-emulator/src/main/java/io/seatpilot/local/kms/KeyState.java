package io.seatpilot.local.kms;

/** The key states this endpoint models, with the spelling AWS uses on the wire. */
enum KeyState {
    ENABLED("Enabled"),
    DISABLED("Disabled"),
    PENDING_DELETION("PendingDeletion");

    private final String wireName;

    KeyState(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
