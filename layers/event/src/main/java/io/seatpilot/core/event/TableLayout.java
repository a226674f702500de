package io.seatpilot.core.event;

import java.util.List;
import java.util.Set;

/** A table as laid out (SPEC §6); x and y in inches. */
public record TableLayout(String id, String label, String zone, int capacity, String shape, Set<String> tags,
                          Double x, Double y, List<String> seatLabels) {

    public static final Set<String> SHAPES = Set.of("round", "rect", "banquet", "head", "cocktail");

    public TableLayout {
        tags = Set.copyOf(tags);
        seatLabels = List.copyOf(seatLabels);
    }
}
