package io.seatpilot.core.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.core.safety.CapacityThresholds.Level;
import io.seatpilot.core.safety.CapacityThresholds.State;
import io.seatpilot.core.safety.CapacityThresholds.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityThresholdsTest {

    /** Feeds counts one after another through the thresholds, as the stored state would follow them. */
    private static List<Step> run(int capacity, long... counts) {
        State state = new State(false, false);
        List<Step> all = new ArrayList<>();
        for (long count : counts) {
            for (Step step : CapacityThresholds.evaluate(count, capacity, state)) {
                all.add(step);
                state = switch (step) {
                    case Step.Fire f -> f.level() == Level.FULL ? new State(state.ninetyFired(), true) : new State(true, state.fullFired());
                    case Step.Suppress s -> s.level() == Level.FULL ? new State(state.ninetyFired(), true) : new State(true, state.fullFired());
                    case Step.Rearm r -> r.level() == Level.FULL ? new State(state.ninetyFired(), false) : new State(false, state.fullFired());
                };
            }
        }
        return all;
    }

    private static long fires(List<Step> steps, Level level) {
        return steps.stream().filter(s -> s instanceof Step.Fire f && f.level() == level).count();
    }

    @Test
    void oscillatingAroundNinetyPercentFiresOnce() {
        var steps = run(100, 88, 89, 90, 89, 90, 89, 90, 86, 90);
        assertEquals(1, fires(steps, Level.NINETY));
        assertEquals(0, fires(steps, Level.FULL));
    }

    @Test
    void droppingBelowEightyFivePercentReArmsTheNinetyPercentAlert() {
        var steps = run(100, 90, 84, 90);
        assertEquals(2, fires(steps, Level.NINETY));
    }

    @Test
    void fullFiresOnceAndReArmsBelowNinetyFivePercent() {
        assertEquals(1, fires(run(100, 90, 100, 99, 100, 96, 100), Level.FULL));
        assertEquals(2, fires(run(100, 90, 100, 94, 100), Level.FULL));
    }

    @Test
    void aJumpPastFullRaisesOnlyTheHighAlert() {
        var steps = run(10, 0, 10);
        assertEquals(1, fires(steps, Level.FULL));
        assertEquals(0, fires(steps, Level.NINETY));
    }

    @Test
    void smallZonesRoundUpTheThreshold() {
        // 90 % of 7 is 6.3: six guests are below it, seven are full
        assertEquals(0, run(7, 6).size());
        assertEquals(0, fires(run(7, 7), Level.NINETY));
        assertEquals(1, fires(run(7, 7), Level.FULL));
        assertEquals(List.of(), run(0, 5), "a zone without capacity never alerts");
    }
}
