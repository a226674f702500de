package io.seatpilot.core.kpi;

import io.seatpilot.core.seating.SeatOrigins;
import java.util.Optional;

/** How the seats of the plan check-in uses were assigned (engine or by hand), as the assign API recorded it. */
@FunctionalInterface
public interface PlanOrigins {

    /** Empty when the event has no plan yet. */
    Optional<SeatOrigins> of(String tenant, String event);
}
