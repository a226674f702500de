package io.seatpilot.core.telemetry;

import io.seatpilot.core.http.Reason;
import io.seatpilot.core.observability.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The worker's rules for one queued message: store each event once, quarantine an event id reused with other
 * content, let every stored event reach the projections, and count the message exactly once. Safe to run again
 * on a redelivered message: every write is idempotent.
 */
public final class IngestMessageProcessor {

    /** Reacts to a newly stored event (check-ins, arrivals, safety…); must be idempotent per event id. */
    public interface Projection {
        void apply(IngestMessage message, IngestMessage.Entry entry);
    }

    private final EventStore events;
    private final QuarantineStore quarantine;
    private final IngestStatsStore stats;
    private final List<Projection> projections;
    private final Metrics metrics;

    public IngestMessageProcessor(EventStore events, QuarantineStore quarantine, IngestStatsStore stats,
                                  List<Projection> projections, Metrics metrics) {
        this.events = events;
        this.quarantine = quarantine;
        this.stats = stats;
        this.projections = List.copyOf(projections);
        this.metrics = metrics;
    }

    public IngestCounts process(IngestMessage message) {
        long stored = 0;
        long duplicates = 0;
        List<QuarantinedItem> conflicts = new ArrayList<>();
        for (IngestMessage.Entry entry : message.envelopes()) {
            StoreOutcome outcome = events.put(message, entry);
            switch (outcome) {
                case STORED, REDELIVERED -> {
                    stored++;
                    // A redelivery may follow a crash between the store and a projection, so projections run again.
                    projections.forEach(p -> p.apply(message, entry));
                }
                case DUPLICATE -> duplicates++;
                case CONFLICT -> conflicts.add(conflict(message, entry));
            }
        }
        quarantine.putAll(message.tenantId(), conflicts);
        IngestCounts counts = new IngestCounts(stored, duplicates,
                conflicts.isEmpty() ? Map.of() : Map.of(Reason.CONFLICTING_DUPLICATE.code(), (long) conflicts.size()));
        if (stats.addOnce(message.tenantId(), "worker-" + message.messageId(), message.receivedAt(), counts)) {
            metrics.count("EventsStored", counts.accepted());
            metrics.count("EventsDuplicate", counts.duplicates());
            metrics.count("EnvelopesRejected", conflicts.size());
        }
        return counts;
    }

    private static QuarantinedItem conflict(IngestMessage message, IngestMessage.Entry entry) {
        String eventId = entry.envelope().get("event_id").asText();
        return new QuarantinedItem(QuarantineStore.newId(message.receivedAt(), entry.receiptId().replace(':', '-')),
                Reason.CONFLICTING_DUPLICATE.code(), "Event id " + eventId + " was stored earlier with different content",
                List.of(), eventId, entry.envelope().toString(), message.keyId(), message.deviceId(),
                message.requestId(), message.receivedAt(), null);
    }
}
