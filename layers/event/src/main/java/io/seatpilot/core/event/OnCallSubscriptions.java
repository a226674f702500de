package io.seatpilot.core.event;

import io.seatpilot.core.event.EventDefinition.OnCallContact;
import java.util.List;

/**
 * Who is paged for an event. Saving an event makes its on-call channel reach exactly its contacts; the paging
 * slice implements it (so the event set-up does not carry the pager's SNS client to every function).
 */
@FunctionalInterface
public interface OnCallSubscriptions {

    void subscribe(String tenant, String event, List<OnCallContact> contacts);
}
