package io.seatpilot.seating;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The plan-level view a planner reads first: fill per table and households that had to be split. */
public record PlanSummary(Map<String, Fill> fill,
                          @JsonProperty("split_households") List<SplitHousehold> splitHouseholds) {

    public record Fill(int seated, int capacity) {
    }

    public record SplitHousehold(String household, int members, List<String> tables, String reason) {
    }
}
