package io.seatpilot.core.telemetry;

/** What happened when an event was written: decided by one conditional put, never a prior read. */
public enum StoreOutcome {
    /** First time this event id was seen for the tenant. */
    STORED,
    /** Our own earlier write of this very receipt (a redelivered message): counts as stored, not as a repeat. */
    REDELIVERED,
    /** A client repeat of a stored event with the same content. */
    DUPLICATE,
    /** The event id was reused with different content. */
    CONFLICT
}
