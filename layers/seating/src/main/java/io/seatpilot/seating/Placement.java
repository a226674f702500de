package io.seatpilot.seating;

import java.util.List;
import java.util.Map;

/** What placing new guests into a fixed plan ends with: a table for each new guest, or why they fit nowhere. */
public sealed interface Placement permits Placement.Placed, Placement.Blocked {

    /** @param tables new guest → table; the fixed plan's guests keep theirs */
    record Placed(Map<String, String> tables) implements Placement {
    }

    /** @param reasons one line per group of new guests that no table can take, naming what it needs */
    record Blocked(List<String> reasons) implements Placement {
    }
}
