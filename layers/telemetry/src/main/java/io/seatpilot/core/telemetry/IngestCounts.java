package io.seatpilot.core.telemetry;

import java.util.Map;
import java.util.TreeMap;

/** Counts of one unit of ingest work: what was stored, repeated, and refused by reason. */
public record IngestCounts(long accepted, long duplicates, Map<String, Long> rejected) {

    public IngestCounts {
        rejected = Map.copyOf(rejected);
    }

    public static IngestCounts rejectedOnly(Map<String, Long> rejected) {
        return new IngestCounts(0, 0, rejected);
    }

    public boolean isEmpty() {
        return accepted == 0 && duplicates == 0 && rejected.values().stream().allMatch(v -> v == 0);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public IngestCounts plus(IngestCounts other) {
        Map<String, Long> merged = new TreeMap<>(rejected);
        other.rejected.forEach((k, v) -> merged.merge(k, v, Long::sum));
        return new IngestCounts(accepted + other.accepted, duplicates + other.duplicates, merged);
    }
}
