package io.seatpilot.bench.seating;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPin;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;
import java.util.Map;

/** One group of guests seated together (the same units our engine moves), planned onto a table. */
@PlanningEntity
public class UnitEntity {

    @PlanningId
    Integer id;
    int size;
    boolean needsAccessible;
    long vipBonus;
    /** Move penalty per table for guests of the current plan; tables not listed cost {@code moveAll}. */
    Map<TableFact, Long> moveCost;
    long moveAll;
    @PlanningPin
    boolean pinned;
    @PlanningVariable
    TableFact table;

    public UnitEntity() {
    }

    UnitEntity(int id, int size, boolean needsAccessible, long vipBonus, Map<TableFact, Long> moveCost, long moveAll,
               TableFact lockedTable) {
        this.id = id;
        this.size = size;
        this.needsAccessible = needsAccessible;
        this.vipBonus = vipBonus;
        this.moveCost = moveCost;
        this.moveAll = moveAll;
        this.pinned = lockedTable != null;
        this.table = lockedTable;
    }

    long moveCostAt(TableFact t) {
        return moveCost.getOrDefault(t, moveAll);
    }
}
