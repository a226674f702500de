package io.seatpilot.seating;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Command line: {@code solve <problem.json> <plan.json> [time_limit_ms] [seed]} writes the plan file of a problem
 * file; {@code generate <wedding|corporate> <guests> <seed> <problem.json>} writes a generated problem. Exit code
 * 0 for a feasible plan, 3 for an infeasible problem (its reasons are in the plan file), 2 for bad usage or input.
 */
public final class SeatingCli {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SeatingCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            if (args.length >= 3 && args[0].equals("solve")) {
                long limit = args.length > 3 ? Long.parseLong(args[3]) : SolveOptions.DEFAULT_TIME_LIMIT_MS;
                long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
                SeatingProblem problem = JSON.readValue(Path.of(args[1]).toFile(), SeatingProblem.class);
                PlanFile plan = PlanFile.of(SeatingEngine.solve(problem, SolveOptions.timed(limit, seed)));
                JSON.writeValue(Path.of(args[2]).toFile(), plan);
                System.err.println(plan.feasible() ? "feasible, score " + plan.score() : "infeasible");
                return plan.feasible() ? 0 : 3;
            }
            if (args.length == 5 && args[0].equals("generate")) {
                var kind = InstanceGenerator.Kind.valueOf(args[1].toUpperCase(Locale.ROOT));
                JSON.writeValue(Path.of(args[4]).toFile(),
                        InstanceGenerator.generate(kind, Integer.parseInt(args[2]), Long.parseLong(args[3])));
                return 0;
            }
        } catch (IOException | InvalidProblemException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        System.err.println("usage: solve <problem.json> <plan.json> [time_limit_ms] [seed]\n"
                + "       generate <wedding|corporate> <guests> <seed> <problem.json>");
        return 2;
    }
}
