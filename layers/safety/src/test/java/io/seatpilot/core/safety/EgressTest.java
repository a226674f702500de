package io.seatpilot.core.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.core.event.EventDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EgressTest {

    private static EventDefinition withExits(EventDefinition.Exit... exits) {
        return new EventDefinition("Gala", "gala", null, null, List.of(), List.of(exits), List.of());
    }

    @Test
    void readinessIsOpenExitsOverAllExitsWithReportsOverridingTheSetUp() {
        var definition = withExits(new EventDefinition.Exit("n", "North", "OPEN"),
                new EventDefinition.Exit("s", "South", "CLOSED"), new EventDefinition.Exit("e", "East", null),
                new EventDefinition.Exit("w", "West", "OPEN"));
        var egress = Safety.egress(definition, Map.of("w", ExitStatus.BLOCKED));
        assertEquals(2, egress.open(), "north from the set-up, east by default; west is blocked by a report");
        assertEquals(4, egress.total());
        assertEquals(0.5, egress.readiness());
        assertEquals(ExitStatus.BLOCKED, egress.exits().get(3).status());
    }

    @Test
    void anEventWithoutExitsHasNothingBlockingIt() {
        assertEquals(1.0, Safety.egress(withExits(), Map.of()).readiness());
    }
}
