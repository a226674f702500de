package io.seatpilot.bench.seating;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import java.util.List;

/** The seating problem in Timefold's terms. */
@PlanningSolution
public class SeatingSolution {

    @ProblemFactCollectionProperty
    @ValueRangeProvider
    List<TableFact> tables;
    @ProblemFactCollectionProperty
    List<LinkFact> links;
    @PlanningEntityCollectionProperty
    List<UnitEntity> units;
    @PlanningScore
    HardSoftLongScore score;

    public SeatingSolution() {
    }

    SeatingSolution(List<TableFact> tables, List<LinkFact> links, List<UnitEntity> units) {
        this.tables = tables;
        this.links = links;
        this.units = units;
    }
}
