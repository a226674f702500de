package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.observability.SloMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's rules for one queued message: refuse (quarantine) an envelope its sender may not send, store each
 * event once, quarantine an event id reused with other content, let every stored event reach the projections, and
 * count the message exactly once. Safe to run again on a redelivered message: every write is idempotent.
 */
public final class IngestMessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(IngestMessageProcessor.class);

    /**
     * Reacts to a newly stored event (check-ins, arrivals, safety…); must be idempotent per event id. Throws
     * {@link Refused} for a fact it refuses for good, any other exception to have the message delivered again.
     */
    public interface Projection {
        void apply(IngestMessage message, IngestMessage.Entry entry);

        /**
         * Whether a payload has the fields its state change needs. A dictionary event without them
         * (TELEMETRY-CATALOGUE.md) stays stored and is counted, not quarantined: a client sending only the
         * dictionary's analytics fields did nothing wrong.
         */
        static boolean carries(JsonNode payload, String... fields) {
            for (String field : fields) {
                if (!payload.hasNonNull(field)) {
                    return false;
                }
            }
            return true;
        }

        /** Counts a fact {@link #carries} found incomplete. */
        static void countNotApplied(Metrics metrics, String eventName) {
            metrics.count("FactsStoredNotApplied", 1, "event_name", eventName);
        }

        /**
         * The offline path's one refusal policy, for every projection: a refusal worth another try fails the
         * message (SQS delivers it again); any other is counted by reason ({@code <family>FactsRefused}) and
         * quarantined with it, so operators see what a device sent that the rules would not apply. Never dropped.
         *
         * @return what the projection throws
         */
        static RuntimeException refusal(ApiException refused, String family, JsonNode envelope, Metrics metrics) {
            if (refused.retryable()) {
                return refused;
            }
            LOG.info("{} fact {} not applied: {}", family, envelope.path("event_id").asText(), refused.problem().reason());
            metrics.count(family + "FactsRefused", 1, "reason", refused.problem().reason());
            return new Refused(refused.problem());
        }
    }

    /**
     * A stored fact a projection will never apply (retrying cannot change it: an unknown pass, a declined guest…).
     * It is quarantined with its reason so operators see it; the raw event stays stored as what the device sent.
     */
    public static final class Refused extends RuntimeException {
        private final transient Problem problem;

        public Refused(Problem problem) {
            super(problem.reason(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** Decides, before anything is stored, whether an envelope may be taken in at all; a refusal is quarantined. */
    public interface Admission {
        Optional<Problem> check(IngestMessage message, IngestMessage.Entry entry);

        Admission ALL = (message, entry) -> Optional.empty();
    }

    private final Admission admission;
    private final EventStore events;
    private final QuarantineStore quarantine;
    private final IngestStatsStore stats;
    private final List<Projection> projections;
    private final Metrics metrics;

    public IngestMessageProcessor(Admission admission, EventStore events, QuarantineStore quarantine,
                                  IngestStatsStore stats, List<Projection> projections, Metrics metrics) {
        this.admission = admission;
        this.events = events;
        this.quarantine = quarantine;
        this.stats = stats;
        this.projections = List.copyOf(projections);
        this.metrics = metrics;
    }

    public IngestCounts process(IngestMessage message) {
        long stored = 0;
        long duplicates = 0;
        List<QuarantinedItem> refused = new ArrayList<>();
        List<QuarantinedItem> notApplied = new ArrayList<>();
        Map<String, Long> refusedByReason = new TreeMap<>();
        for (IngestMessage.Entry entry : message.envelopes()) {
            Optional<Problem> refusal = admission.check(message, entry);
            if (refusal.isPresent()) {
                // not stored either: a refused fact must not reach the raw events (and the KPIs read from them)
                refused.add(quarantined(message, entry, refusal.get()));
                refusedByReason.merge(refusal.get().reason(), 1L, Long::sum);
                continue;
            }
            StoreOutcome outcome = events.put(message, entry);
            switch (outcome) {
                case STORED, REDELIVERED -> {
                    stored++;
                    // A redelivery may follow a crash between the store and a projection, so projections run again.
                    project(message, entry, notApplied);
                }
                case DUPLICATE -> {
                    duplicates++;
                    // stored before, maybe not applied then (a guest not invited yet…): an admin's replay after the fix
                    // applies it now; projections are idempotent, so a fact applied before changes nothing
                    if (message.replay()) {
                        project(message, entry, notApplied);
                    }
                }
                case CONFLICT -> {
                    String eventId = entry.envelope().get("event_id").asText();
                    refused.add(quarantined(message, entry, Problem.of(Reason.CONFLICTING_DUPLICATE,
                            "Event id " + eventId + " was stored earlier with different content")));
                    refusedByReason.merge(Reason.CONFLICTING_DUPLICATE.code(), 1L, Long::sum);
                }
            }
        }
        quarantine.putAll(message.tenantId(), refused);
        quarantine.putAll(message.tenantId(), notApplied);
        IngestCounts counts = new IngestCounts(stored, duplicates, refusedByReason);
        if (stats.addOnce(message.tenantId(), "worker-" + message.messageId(), message.receivedAt(), counts)) {
            metrics.count("EventsStored", counts.accepted());
            metrics.count("EventsDuplicate", counts.duplicates());
            metrics.count(SloMetrics.ENVELOPES_REJECTED, refused.size());
            refusedByReason.forEach((reason, n) -> metrics.count("EnvelopesRejectedByReason", n, "reason", reason));
        }
        return counts;
    }

    private void project(IngestMessage message, IngestMessage.Entry entry, List<QuarantinedItem> notApplied) {
        for (Projection projection : projections) {
            try {
                projection.apply(message, entry);
            } catch (Refused notAppliedFact) {
                // counted as stored (it is), kept in the quarantine as not applied
                Problem problem = notAppliedFact.problem();
                notApplied.add(quarantined(message, entry, new Problem(problem.type(), problem.title(),
                        problem.status(), problem.reason(), "Stored, not applied: " + problem.detail(),
                        problem.field(), problem.violations())));
            }
        }
    }

    /**
     * Its id comes from the entry's receipt id, so a redelivered message quarantines the same item once; it keeps the
     * entry's stop, so a replay applies the fact where it was scanned.
     */
    private static QuarantinedItem quarantined(IngestMessage message, IngestMessage.Entry entry, Problem problem) {
        String eventId = entry.envelope().path("event_id").asText(null);
        return new QuarantinedItem(QuarantineStore.newId(message.receivedAt(), entry.receiptId().replace(':', '-')),
                problem.reason(), problem.detail(), problem.violations() == null ? List.of() : problem.violations(),
                eventId, SenderScope.partyEvent(entry.envelope()), entry.envelope().toString(), message.keyId(), message.deviceId(),
                message.requestId(), message.receivedAt(), null, entry.stopId());
    }
}
