package io.seatpilot.core.telemetry;

import java.util.Map;

/** One minute of a tenant's ingest counts: accepted, duplicates, and rejected per reason. */
public record IngestMinute(long minute, long accepted, long duplicates, Map<String, Long> rejected) {
}
