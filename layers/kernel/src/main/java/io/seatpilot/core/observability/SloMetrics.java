package io.seatpilot.core.observability;

/**
 * The EMF names of the figures SPEC §1's service levels are watched by: the functions emit them under these names
 * and the {@code service} dimension given here, and template.yaml's alarms (checked by a template test against
 * these constants) read them back. Renaming one here without the template fails that test, not a deployed alarm.
 */
public final class SloMetrics {

    public static final String NAMESPACE = "SeatPilot";
    public static final String DIMENSION = "service";

    /** Check-in server stages, one EMF document per answered check-in (POWERTOOLS_SERVICE_NAME of the function). */
    public static final String CHECKIN_SERVICE = "checkin";
    public static final String CHECKIN_PARSE = "CheckinServerParse";
    public static final String CHECKIN_LOOKUP = "CheckinServerLookup";
    public static final String CHECKIN_PERSIST = "CheckinServerPersist";
    public static final String CHECKIN_TOTAL = "CheckinServerTotal";
    /** 1 when a name search found nobody, else 0: its Average is the not-found rate. */
    public static final String NAME_SEARCH_NOT_FOUND = "NameSearchNotFound";

    public static final String ASSIGN_SERVICE = "assign";
    public static final String ASSIGN_DURATION = "AssignDuration";
    /** 1 when a solve found a feasible plan, else 0: its Average is the feasible ratio. */
    public static final String ASSIGN_FEASIBLE = "AssignFeasible";

    public static final String LIVE_PUBLISHER_SERVICE = "live-publisher";
    /** From the message's {@code ts} to the last subscriber's {@code @connections} post accepted. */
    public static final String LIVE_DELIVERY = "LiveDeliveryLatency";

    public static final String INGEST_SERVICE = "ingest";
    public static final String INGEST_WORKER_SERVICE = "ingest-worker";
    public static final String ENVELOPES_ACCEPTED = "EnvelopesAccepted";
    /** Refused by ingest (the request) or by the worker (stored nowhere, quarantined): both count against the SLO. */
    public static final String ENVELOPES_REJECTED = "EnvelopesRejected";

    /** Published by the KPI rollup per event rolled up in a run (last 5 minutes). */
    public static final String KPI_SERVICE = "kpi";
    public static final String CHECKIN_LATENCY_P95 = "CheckinLatencyP95";
    public static final String DOOR_TO_SEAT_P50 = "DoorToSeatP50";
    public static final String DOOR_TO_SEAT_P95 = "DoorToSeatP95";
    public static final String SCANNER_SUCCESS = "ScannerSuccessPct";
    public static final String KPI_STALENESS = "KpiStaleness";

    private SloMetrics() {
    }
}
