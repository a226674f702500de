package io.seatpilot.core.kpi;

import io.seatpilot.core.telemetry.IngestMinute;
import java.util.List;

/** The tenant's ingest counts per minute (accepted, rejected per reason), as ingest recorded them. */
@FunctionalInterface
public interface IngestMinutes {

    List<IngestMinute> read(String tenant, long fromMs, long toMs);
}
