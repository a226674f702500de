package io.seatpilot.admin;

import io.seatpilot.core.auth.Access;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.http.TimeRange;
import io.seatpilot.core.telemetry.IngestOutcome;
import io.seatpilot.core.telemetry.IngestStatsStore;
import io.seatpilot.core.telemetry.IngestMinute;
import io.seatpilot.core.telemetry.QuarantineStore;
import io.seatpilot.core.telemetry.QuarantinedItem;
import io.seatpilot.core.telemetry.TelemetryIngestion;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Ingest reads (SPEC §5): tenant-wide stats per minute, the quarantine in pages, and replay of one item. An
 * event-scoped admin (SPEC §14) lists and replays the refusals about its events only, and gets no stats.
 */
final class IngestAdminRoutes {

    private static final Duration MAX_RANGE = Duration.ofDays(31);
    private static final Duration DEFAULT_RANGE = Duration.ofHours(1);
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final Pattern REASON = Pattern.compile("[a-z_]{1,64}");

    private final IngestStatsStore stats;
    private final QuarantineStore quarantine;
    private final TelemetryIngestion ingestion;
    private final Clock clock;

    IngestAdminRoutes(IngestStatsStore stats, QuarantineStore quarantine, TelemetryIngestion ingestion, Clock clock) {
        this.stats = stats;
        this.quarantine = quarantine;
        this.ingestion = ingestion;
        this.clock = clock;
    }

    ApiResponse stats(ApiRequest request) {
        Principal.User admin = Callers.person(request, Role.ADMIN);
        // The counters are per tenant, not per event, so they would disclose other events' traffic.
        Access.requireAllEvents(admin);
        TimeRange range = TimeRange.of(request.longParameter("from"), request.longParameter("to"), clock.millis(),
                to -> to - DEFAULT_RANGE.toMillis(), MAX_RANGE);
        long from = range.from();
        long to = range.to();
        List<IngestMinute> minutes = stats.read(admin.tenantId(), from, to);
        long accepted = minutes.stream().mapToLong(IngestMinute::accepted).sum();
        long duplicates = minutes.stream().mapToLong(IngestMinute::duplicates).sum();
        Map<String, Long> rejected = new TreeMap<>();
        minutes.forEach(m -> m.rejected().forEach((reason, n) -> rejected.merge(reason, n, Long::sum)));
        long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("accepted", accepted);
        totals.put("duplicates", duplicates);
        totals.put("rejected", rejected);
        totals.put("rejected_total", rejectedTotal);
        totals.put("reject_ratio", accepted + rejectedTotal == 0 ? 0.0 : (double) rejectedTotal / (accepted + rejectedTotal));
        return ApiResponse.json(200, Map.of("from", from, "to", to, "totals", totals,
                "per_minute", minutes.stream().map(m -> Map.of("minute_at", m.minute(), "accepted", m.accepted(),
                        "duplicates", m.duplicates(), "rejected", m.rejected())).toList()));
    }

    ApiResponse quarantine(ApiRequest request) {
        Principal.User admin = Callers.person(request, Role.ADMIN);
        int limit = request.longParameter("limit").map(Long::intValue).orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "limit", "limit must be 1 to " + MAX_LIMIT);
        }
        Optional<String> reason = request.queryParameter("reason");
        if (reason.isPresent() && !REASON.matcher(reason.get()).matches()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "reason", "reason must be a reason code");
        }
        Optional<String> after = request.queryParameter("next");
        if (after.isPresent() && !QuarantineStore.isValidId(after.get())) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "next", "next must be the next of an earlier page");
        }
        QuarantineStore.Page page = quarantine.list(admin.tenantId(), reason, admin.events(), limit, after);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.items());
        page.next().ifPresent(next -> answer.put("next", next));
        return ApiResponse.json(200, answer);
    }

    ApiResponse replay(ApiRequest request) {
        Principal.User admin = Callers.person(request, Role.ADMIN);
        String id = request.pathParameter("id");
        var item = (QuarantineStore.isValidId(id) ? quarantine.find(admin.tenantId(), id) : Optional.<QuarantinedItem>empty())
                .orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such quarantined item"));
        Access.requireEvents(admin, item.event() == null ? Set.of() : Set.of(item.event()));
        long now = clock.millis();
        return switch (ingestion.replay(admin.tenantId(), item, request.requestId(), now)) {
            case IngestOutcome.Accepted accepted -> {
                quarantine.markReplayed(admin.tenantId(), item, now);
                yield ApiResponse.json(202, Map.of("status", "accepted", "accepted", accepted.accepted()));
            }
            case IngestOutcome.PerEnvelope perEnvelope -> ApiResponse.json(207, Map.of("results", perEnvelope.results()));
            case IngestOutcome.Refused refused -> ApiResponse.problem(refused.problem());
        };
    }
}
