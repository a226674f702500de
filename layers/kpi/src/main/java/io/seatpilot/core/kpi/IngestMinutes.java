package io.seatpilot.core.kpi;

import io.seatpilot.core.telemetry.IngestStatsStore;
import java.util.List;

/** The tenant's ingest counts per minute (accepted, rejected per reason), as ingest recorded them. */
@FunctionalInterface
public interface IngestMinutes {

    List<IngestStatsStore.Minute> read(String tenant, long fromMs, long toMs);
}
