package io.seatpilot.core.kpi;

/** The seq of the last Ops Live message of an event (0 before the first). */
@FunctionalInterface
public interface LiveSeq {

    long current(String tenant, String event);
}
