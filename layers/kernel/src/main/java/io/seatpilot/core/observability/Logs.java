package io.seatpilot.core.observability;

import org.slf4j.MDC;

/**
 * Keys added to every structured log line of the current invocation. Only ids go here — never names,
 * secrets, tokens or bodies.
 */
public final class Logs {

    public static final String REQUEST_ID = "request_id";
    public static final String TENANT = "tenant";
    public static final String EVENT = "event";
    /** The party (SPEC §6) a request is about; "event" above is the route or trigger. */
    public static final String EVENT_ID = "event_id";

    private Logs() {
    }

    public static void tenant(String tenantId) {
        MDC.put(TENANT, tenantId);
    }

    public static void event(String event) {
        MDC.put(EVENT, event);
    }

    public static void eventId(String eventId) {
        MDC.put(EVENT_ID, eventId);
    }

    public static void requestId(String requestId) {
        MDC.put(REQUEST_ID, requestId);
    }

    public static void clear() {
        MDC.remove(REQUEST_ID);
        MDC.remove(TENANT);
        MDC.remove(EVENT);
        MDC.remove(EVENT_ID);
    }
}
