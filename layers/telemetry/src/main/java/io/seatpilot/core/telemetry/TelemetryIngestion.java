package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.telemetry.ClientTimes;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.observability.SloMetrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The ingest rules of SPEC §5 after the signature verified: validate each envelope, keep the good ones
 * (durably in SQS before answering), and quarantine and count every refusal — nothing a kiosk sent is lost.
 */
public final class TelemetryIngestion {

    private final EnvelopeValidator validator;
    private final IngestQueue queue;
    private final QuarantineStore quarantine;
    private final IngestStatsStore stats;
    private final Metrics metrics;

    public TelemetryIngestion(EnvelopeValidator validator, IngestQueue queue, QuarantineStore quarantine,
                              IngestStatsStore stats, Metrics metrics) {
        this.validator = validator;
        this.queue = queue;
        this.quarantine = quarantine;
        this.stats = stats;
        this.metrics = metrics;
    }

    /**
     * {@code device}: a kiosk, as the handler's caller check ({@code Callers.device(…, Role.KIOSK)}) admits it, with
     * the stop history its key record holds (each door fact is filed at the stop of its scan's time).
     */
    public IngestOutcome ingest(Principal.Device device, byte[] rawBody, String requestId, long receivedAt) {
        StopOfFact stops = new StopOfFact(device, receivedAt);
        return process(new Context(device, requestId, receivedAt, false, stops::of), rawBody);
    }

    /**
     * Re-validates a quarantined body after a fix (SPEC §5 replay) and enqueues what now passes, at the stop it was
     * resolved to when it was received. A body that still fails is answered but not quarantined or counted again:
     * it is already in the quarantine.
     */
    public IngestOutcome replay(String tenantId, QuarantinedItem item, String requestId, long now) {
        var device = new Principal.Device(item.keyId(), item.deviceId(), tenantId, Role.KIOSK, java.util.Set.of());
        return process(new Context(device, requestId, now, true, envelope -> item.stopId()),
                item.body().getBytes(StandardCharsets.UTF_8));
    }

    private IngestOutcome process(Context context, byte[] rawBody) {
        Principal.Device device = context.device;
        IngestBody body;
        try {
            body = IngestBody.parse(rawBody);
        } catch (ApiException refused) {
            context.reject(null, null, new String(rawBody, StandardCharsets.UTF_8), refused.problem(), null);
            context.finish();
            throw refused;
        }
        List<EnvelopeResult> results = new ArrayList<>();
        List<IngestBody.Item> items = switch (body) {
            case IngestBody.Single single -> List.of(single.envelope());
            case IngestBody.Batch batch -> batch.envelopes();
        };
        Map<String, String> hashesInRequest = new HashMap<>();
        for (IngestBody.Item item : items) {
            results.add(switch (validator.validate(item.node(), item.sizeBytes(), device.tenantId())) {
                case EnvelopeCheck.Rejected rejected -> context.reject(rejected.eventId(), item.node(), rejected.problem());
                case EnvelopeCheck.Valid valid -> admit(context, valid.envelope(), hashesInRequest, item);
            });
        }
        context.enqueue(queue);
        context.finish();
        if (body instanceof IngestBody.Single && results.getFirst().isRejected()) {
            return new IngestOutcome.Refused(context.firstProblem);
        }
        return results.stream().anyMatch(EnvelopeResult::isRejected)
                ? new IngestOutcome.PerEnvelope(results)
                : new IngestOutcome.Accepted(results.size());
    }

    private EnvelopeResult admit(Context context, ValidEnvelope envelope, Map<String, String> hashesInRequest,
                                 IngestBody.Item item) {
        var outOfScope = SenderScope.refusal(context.device, envelope.envelope());
        if (outOfScope.isPresent()) {
            return context.reject(envelope.eventId(), item.node(), outOfScope.get());
        }
        if (!ClientTimes.plausible(envelope.tsMs(), context.receivedAt)) {
            return context.reject(envelope.eventId(), item.node(), Problem.of(Reason.VALIDATION_FAILED,
                    "ts_ms must be within " + ClientTimes.MAX_AGE.toDays() + " days before and "
                            + ClientTimes.MAX_AHEAD.toMinutes() + " minutes after the server's time").withField("ts_ms"));
        }
        String earlier = hashesInRequest.putIfAbsent(envelope.eventId(), envelope.contentHash());
        if (earlier != null) {
            return earlier.equals(envelope.contentHash())
                    ? EnvelopeResult.duplicate(envelope.eventId())
                    : context.reject(envelope.eventId(), item.node(),
                            Problem.of(Reason.CONFLICTING_DUPLICATE, "Event id repeated with different content in one batch"));
        }
        context.accepted.add(new IngestMessage.Entry(context.unitId + ":" + context.accepted.size(),
                envelope.contentHash(), envelope.envelope(), context.stopOf.apply(envelope.envelope())));
        return EnvelopeResult.accepted(envelope.eventId());
    }

    /** Collects one request's accepted entries and refusals, then writes them in as few calls as possible. */
    private final class Context {
        private final Principal.Device device;
        private final String requestId;
        private final String unitId;
        private final long receivedAt;
        private final List<IngestMessage.Entry> accepted = new ArrayList<>();
        private final List<QuarantinedItem> refused = new ArrayList<>();
        private final Map<String, Long> refusedByReason = new TreeMap<>();
        private Problem firstProblem;

        /** An admin's replay: its refusals are in the quarantine already, and its facts may be applied again. */
        private final boolean replay;
        /** The stop each envelope's fact applies at (null: none, or no party named). */
        private final Function<JsonNode, String> stopOf;

        Context(Principal.Device device, String requestId, long receivedAt, boolean replay,
                Function<JsonNode, String> stopOf) {
            this.stopOf = stopOf;
            this.device = device;
            this.requestId = requestId;
            this.unitId = UUID.randomUUID().toString();
            this.receivedAt = receivedAt;
            this.replay = replay;
        }

        EnvelopeResult reject(String eventId, JsonNode envelope, Problem problem) {
            return reject(eventId, SenderScope.partyEvent(envelope), envelope.toString(), problem, stopOf.apply(envelope));
        }

        EnvelopeResult reject(String eventId, String partyEvent, String body, Problem problem, String stopId) {
            if (firstProblem == null) {
                firstProblem = problem;
            }
            refused.add(new QuarantinedItem(QuarantineStore.newId(receivedAt, unitId + "-" + refused.size()),
                    problem.reason(), problem.detail(), problem.violations(), eventId, partyEvent, body, device.keyId(),
                    device.deviceId(), requestId, receivedAt, null, stopId));
            refusedByReason.merge(problem.reason(), 1L, Long::sum);
            return EnvelopeResult.rejected(eventId, problem);
        }

        void enqueue(IngestQueue queue) {
            if (!accepted.isEmpty()) {
                queue.send(new IngestMessage(unitId, device.tenantId(), device.keyId(), device.deviceId(),
                        requestId, receivedAt, List.copyOf(accepted), replay));
                metrics.count(SloMetrics.ENVELOPES_ACCEPTED, accepted.size());
            }
        }

        void finish() {
            if (refused.isEmpty() || replay) {
                return;
            }
            quarantine.putAll(device.tenantId(), refused);
            stats.addOnce(device.tenantId(), "ingest-" + unitId, receivedAt, IngestCounts.rejectedOnly(refusedByReason));
            metrics.count(SloMetrics.ENVELOPES_REJECTED, refused.size());
            refusedByReason.forEach((reason, n) -> metrics.count("EnvelopesRejectedByReason", n, "reason", reason));
        }
    }
}
