package io.seatpilot.core.telemetry;

import io.seatpilot.core.http.Problem;

/** The outcome of validating one envelope. */
public sealed interface EnvelopeCheck {

    record Valid(ValidEnvelope envelope) implements EnvelopeCheck {
    }

    /** {@code eventId} is whatever the client sent, if anything, so results can be matched up. */
    record Rejected(String eventId, Problem problem) implements EnvelopeCheck {
    }
}
