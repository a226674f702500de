package io.seatpilot.bench.seating;

import ai.timefold.solver.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.Joiners;

/**
 * The hard rules and the canonical score of SPEC §8 as constraint streams. Households are already grouped into
 * units and locks are pinned, so the hard part is capacity, accessibility and {@code must_apart}; the soft score
 * equals the canonical score for every complete plan.
 */
public final class SeatingConstraints implements ConstraintProvider {

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
            factory.forEach(UnitEntity.class)
                    .groupBy(u -> u.table, ConstraintCollectors.sumLong(u -> u.size))
                    .filter((table, seated) -> seated > table.capacity)
                    .penalizeLong(HardSoftLongScore.ONE_HARD, (table, seated) -> seated - table.capacity)
                    .asConstraint("capacity"),
            factory.forEach(UnitEntity.class)
                    .filter(u -> u.needsAccessible && !u.table.accessible)
                    .penalizeLong(HardSoftLongScore.ONE_HARD, u -> u.size)
                    .asConstraint("pmr at accessible tables"),
            sameTable(factory).filter((u, link, v) -> link.mustApart())
                    .penalizeLong(HardSoftLongScore.ONE_HARD, (u, link, v) -> 1)
                    .asConstraint("must apart"),
            sameTable(factory).filter((u, link, v) -> link.weight() > 0)
                    .rewardLong(HardSoftLongScore.ONE_SOFT, (u, link, v) -> link.weight())
                    .asConstraint("wishes together"),
            sameTable(factory).filter((u, link, v) -> link.weight() < 0)
                    .penalizeLong(HardSoftLongScore.ONE_SOFT, (u, link, v) -> -link.weight())
                    .asConstraint("wishes apart"),
            factory.forEach(UnitEntity.class)
                    .filter(u -> u.vipBonus > 0 && u.table.showcase)
                    .rewardLong(HardSoftLongScore.ONE_SOFT, u -> u.vipBonus)
                    .asConstraint("vip near head table"),
            factory.forEach(UnitEntity.class)
                    .filter(u -> u.moveCostAt(u.table) > 0)
                    .penalizeLong(HardSoftLongScore.ONE_SOFT, u -> u.moveCostAt(u.table))
                    .asConstraint("moved from current plan")
        };
    }

    private static ai.timefold.solver.core.api.score.stream.tri.TriConstraintStream<UnitEntity, LinkFact, UnitEntity>
            sameTable(ConstraintFactory factory) {
        return factory.forEach(UnitEntity.class)
                .join(LinkFact.class, Joiners.equal(u -> u.id, LinkFact::a))
                .join(UnitEntity.class, Joiners.equal((u, link) -> link.b(), v -> v.id),
                        Joiners.equal((u, link) -> u.table, v -> v.table));
    }
}
