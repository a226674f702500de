package io.seatpilot.core.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * When a zone's headcount raises a capacity alert (SPEC §9: 90 % → ALERT, 100 % → ALERT with level high), and
 * when it may raise it again. Each threshold fires once per upward crossing and then stays quiet until the count
 * has dropped clearly below it: the 90 % alert re-arms below 85 %, the 100 % alert below 95 %. A door that lets
 * one guest in and one out around the line (89 → 90 → 89 → 90 of 100) therefore raises one alert, not a storm,
 * while a zone that really empties and fills again is announced again. Counts jumping straight past 100 % raise
 * only the high alert (the 90 % one is then marked fired too: it says less).
 */
public final class CapacityThresholds {

    private CapacityThresholds() {
    }

    public enum Level { NINETY, FULL }

    /** What the thresholds' stored state is: which have fired and not re-armed since. */
    public record State(boolean ninetyFired, boolean fullFired) {
    }

    public sealed interface Step {
        record Fire(Level level) implements Step {
        }

        /** Marks a level fired without an alert of its own (passed over by a bigger jump). */
        record Suppress(Level level) implements Step {
        }

        record Rearm(Level level) implements Step {
        }
    }

    public static List<Step> evaluate(long count, int capacity, State state) {
        List<Step> steps = new ArrayList<>();
        if (capacity <= 0) {
            return steps;
        }
        boolean full = count * 100 >= 100L * capacity;
        boolean ninety = count * 100 >= 90L * capacity;
        if (full && !state.fullFired()) {
            steps.add(new Step.Fire(Level.FULL));
            if (!state.ninetyFired()) {
                steps.add(new Step.Suppress(Level.NINETY));
            }
        } else if (ninety && !state.ninetyFired()) {
            steps.add(new Step.Fire(Level.NINETY));
        }
        if (state.fullFired() && count * 100 < 95L * capacity) {
            steps.add(new Step.Rearm(Level.FULL));
        }
        if (state.ninetyFired() && count * 100 < 85L * capacity) {
            steps.add(new Step.Rearm(Level.NINETY));
        }
        return steps;
    }
}
