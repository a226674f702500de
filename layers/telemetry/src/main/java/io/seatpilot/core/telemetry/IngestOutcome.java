package io.seatpilot.core.telemetry;

import io.seatpilot.core.http.Problem;
import java.util.List;

/** The answer to one ingest request (SPEC §5). */
public sealed interface IngestOutcome {

    /** Every envelope accepted (202). */
    record Accepted(int accepted) implements IngestOutcome {
    }

    /** A batch with at least one refusal (207), one result per envelope in order. */
    record PerEnvelope(List<EnvelopeResult> results) implements IngestOutcome {
    }

    /** A single envelope refused: answered with its own status and reason. */
    record Refused(Problem problem) implements IngestOutcome {
    }
}
