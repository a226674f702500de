package io.seatpilot.seating;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small hand-made problems and the repository root, shared by the tests. */
final class Fixtures {

    /** Long enough never to cut an iteration-bounded solve on a slow machine, so results depend on the seed only. */
    static final long UNBOUNDED_MS = 600_000;

    private Fixtures() {
    }

    static SolveOptions iterations(long seed, long iterations) {
        return new SolveOptions(UNBOUNDED_MS, seed, iterations);
    }

    static Table table(String id, int capacity, String... tags) {
        return new Table(id, capacity, "A", Set.of(tags));
    }

    static Guest guest(String id, String household, String... tags) {
        return new Guest(id, household, Set.of(tags));
    }

    static SeatingProblem problem(List<Table> tables, List<Guest> guests) {
        return new SeatingProblem(tables, guests, List.of(), List.of(), List.of(), Map.of(), null);
    }

    static Path repoRoot() {
        String configured = System.getProperty("seatpilot.repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found from " + start);
    }
}
