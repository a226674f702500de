package io.seatpilot.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventDefinitionTest {

    private static final long T0 = 1_795_400_000_000L;

    private static EventDefinition withStops(EventDefinition.Stop... stops) {
        return new EventDefinition("Boda", "wedding", T0, "Europe/Madrid", null, null, null, null, null, List.of(stops), null, null);
    }

    private static EventDefinition.Stop stop(String id, Long startsAt) {
        return new EventDefinition.Stop(id, id, startsAt, null, null);
    }

    @Test
    void theStopInProgressIsTheLatestThatHasStartedElseTheFirst() {
        EventDefinition wedding = withStops(stop("ceremony", T0), stop("reception", T0 + 3_600_000), stop("party", null));

        assertEquals("ceremony", wedding.stopInProgress(T0 - 1).id(), "before anything starts: the first");
        assertEquals("ceremony", wedding.stopInProgress(T0).id(), "a stop is in progress from its start, inclusive");
        assertEquals("ceremony", wedding.stopInProgress(T0 + 3_599_999).id());
        assertEquals("reception", wedding.stopInProgress(T0 + 3_600_000).id());
        assertEquals("reception", wedding.stopInProgress(T0 + 86_400_000).id(), "a stop with no start is never in progress");
    }

    @Test
    void stopsListedOutOfOrderOrStartingTogetherFollowTheDashboardsRule() {
        EventDefinition listedLate = withStops(stop("reception", T0 + 3_600_000), stop("ceremony", T0));
        assertEquals("ceremony", listedLate.stopInProgress(T0 + 60_000).id());
        assertEquals("reception", listedLate.stopInProgress(T0 + 3_600_000).id(), "the latest start wins, not the list order");

        EventDefinition together = withStops(stop("hall", T0), stop("garden", T0));
        assertEquals("garden", together.stopInProgress(T0).id(), "of two starting together, the one listed later");
    }

    @Test
    void anEventWithoutStopsHasItselfInProgress() {
        EventDefinition gala = new EventDefinition("Gala", "gala", T0, "Europe/Madrid", null, null, null);
        assertEquals(EventDefinition.MAIN_STOP, gala.stopInProgress(T0 - 1).id());
        assertEquals(EventDefinition.MAIN_STOP, gala.stopInProgress(T0 + 1).id());
    }
}
