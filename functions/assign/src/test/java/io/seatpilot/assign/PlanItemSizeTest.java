package io.seatpilot.assign;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.json.Json;
import io.seatpilot.core.seating.SeatingStore;
import io.seatpilot.seating.InstanceGenerator;
import io.seatpilot.seating.PlanFile;
import io.seatpilot.seating.SeatingEngine;
import io.seatpilot.seating.SolveOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The largest plan of SPEC §8 (3 000 guests, with every explanation) must fit one DynamoDB item (400 KB). */
class PlanItemSizeTest {

    private static final int ITEM_LIMIT_BYTES = 400 * 1024;
    /** Room left for the key, version and timestamp attributes of the item. */
    private static final int KEY_AND_ATTRIBUTES_BYTES = 1024;

    @ParameterizedTest
    @EnumSource(InstanceGenerator.Kind.class)
    void aPlanOfThreeThousandGuestsFitsOneItemCompressed(InstanceGenerator.Kind kind) {
        var problem = InstanceGenerator.generate(kind, 3_000, 3);
        PlanFile plan = PlanFile.of(SeatingEngine.solve(problem, new SolveOptions(60_000, 3, 100_000)));
        String json = Json.write(plan);

        int stored = SeatingStore.gzip(json).length;

        assertTrue(plan.feasible());
        assertTrue(stored + KEY_AND_ATTRIBUTES_BYTES < ITEM_LIMIT_BYTES, () -> stored + " bytes gzipped");
    }
}
