package io.seatpilot.seating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeatingCliTest {

    @TempDir
    Path dir;

    @Test
    void generatedProblemRoundTripsThroughTheCommandLineIntoAValidPlan() throws IOException {
        Path problemFile = dir.resolve("problem.json");
        Path planFile = dir.resolve("plan.json");

        assertEquals(0, SeatingCli.run(new String[] {"generate", "wedding", "150", "4", problemFile.toString()}));
        assertEquals(0, SeatingCli.run(new String[] {"solve", problemFile.toString(), planFile.toString(), "300", "4"}));

        SeatingProblem problem = SeatingCli.JSON.readValue(problemFile.toFile(), SeatingProblem.class);
        assertEquals(InstanceGenerator.generate(InstanceGenerator.Kind.WEDDING, 150, 4), problem);
        assertValid("seating-problem.schema.json", problemFile);
        assertValid("seating-plan.schema.json", planFile);
        PlanFile plan = SeatingCli.JSON.readValue(planFile.toFile(), PlanFile.class);
        assertTrue(plan.feasible());
        assertEquals(List.of(), HardRules.violations(problem, plan.assignments()));
        assertEquals(CanonicalScore.of(problem, plan.assignments()).score(), plan.score());
        assertEquals(Explanations.of(problem, plan.assignments()), plan.explanations());
    }

    @Test
    void infeasibleProblemWritesReasonsAndExitsWithThree() throws IOException {
        Path problemFile = dir.resolve("problem.json");
        Path planFile = dir.resolve("plan.json");
        var problem = new SeatingProblem(List.of(new Table("T1", 1, "A", null)),
                List.of(new Guest("a", null, null), new Guest("b", null, null)), null, null, null, null, null);
        SeatingCli.JSON.writeValue(problemFile.toFile(), problem);

        assertEquals(3, SeatingCli.run(new String[] {"solve", problemFile.toString(), planFile.toString()}));

        assertValid("seating-plan.schema.json", planFile);
        PlanFile plan = SeatingCli.JSON.readValue(planFile.toFile(), PlanFile.class);
        assertEquals(List.of("2 guests but all tables together seat only 1"), plan.infeasibleReasons());
    }

    @Test
    void problemNamingAnUnknownGuestIsRefused() throws IOException {
        Path problemFile = dir.resolve("problem.json");
        Files.writeString(problemFile, "{\"tables\":[{\"id\":\"T1\",\"capacity\":2}],\"guests\":[{\"id\":\"a\"}],"
                + "\"locks\":[{\"guest\":\"zz\",\"table\":\"T1\"}]}");

        assertEquals(2, SeatingCli.run(new String[] {"solve", problemFile.toString(), dir.resolve("p.json").toString()}));
    }

    private static void assertValid(String schema, Path file) throws IOException {
        JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Fixtures.repoRoot().resolve("schemas").resolve(schema)));
        JsonNode document = SeatingCli.JSON.readTree(file.toFile());
        assertEquals(List.of(), compiled.validate(document).stream().map(Object::toString).toList(), schema);
    }
}
