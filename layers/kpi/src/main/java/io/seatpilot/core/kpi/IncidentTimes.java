package io.seatpilot.core.kpi;

import io.seatpilot.core.incident.Incident;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Time to acknowledge and time to resolve over an event's incidents (issue 14 item 5): counts and p50/p95 in
 * milliseconds, nearest-rank over the exact values — an event has tens of incidents, so no sketch is needed — and
 * each incident's own times. Incidents still waiting for a step are counted, not timed.
 */
public record IncidentTimes(int incidents, int open, int acknowledged, int resolved, Long ttaP50, Long ttaP95,
                            Long ttrP50, Long ttrP95, List<Incident> each) {

    public static IncidentTimes of(List<Incident> incidents) {
        List<Long> tta = times(incidents, Incident::timeToAcknowledge);
        List<Long> ttr = times(incidents, Incident::timeToResolve);
        return new IncidentTimes(incidents.size(), count(incidents, "open"), count(incidents, "acknowledged"),
                count(incidents, "resolved"), percentile(tta, 50), percentile(tta, 95), percentile(ttr, 50),
                percentile(ttr, 95), incidents);
    }

    /** Nearest rank: the smallest value with at least {@code p} % of the values at or below it. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static List<Long> times(List<Incident> incidents, Function<Incident, Long> time) {
        return incidents.stream().map(time).filter(Objects::nonNull).sorted().toList();
    }

    private static int count(List<Incident> incidents, String status) {
        return (int) incidents.stream().filter(i -> i.status().equals(status)).count();
    }

    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("count", incidents);
        data.put("open", open);
        data.put("acknowledged", acknowledged);
        data.put("resolved", resolved);
        data.put("time_to_acknowledge_ms", percentiles(ttaP50, ttaP95));
        data.put("time_to_resolve_ms", percentiles(ttrP50, ttrP95));
        data.put("items", each.stream().map(i -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("incident_id", i.incidentId());
            row.put("status", i.status());
            row.put("opened_at", i.openedAt());
            row.put("time_to_acknowledge_ms", i.timeToAcknowledge());
            row.put("time_to_resolve_ms", i.timeToResolve());
            row.values().removeIf(Objects::isNull);
            return row;
        }).toList());
        return data;
    }

    private static Map<String, Object> percentiles(Long p50, Long p95) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("p50", p50);
        data.put("p95", p95);
        data.values().removeIf(Objects::isNull);
        return data;
    }
}
