package io.seatpilot.core.safety;

import io.seatpilot.core.paging.OnCall;

/** The event's on-call channel. */
@FunctionalInterface
public interface Pager {

    /** Pages once per alert and step; @return false when this alert's step was paged already */
    boolean page(String tenant, OnCall.Page page, OnCall.Step step);
}
