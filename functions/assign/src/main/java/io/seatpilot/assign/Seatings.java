package io.seatpilot.assign;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.observability.SloMetrics;
import io.seatpilot.seating.Guest;
import io.seatpilot.seating.HardRules;
import io.seatpilot.seating.InvalidProblemException;
import io.seatpilot.seating.Lock;
import io.seatpilot.seating.PlanFile;
import io.seatpilot.seating.SeatingEngine;
import io.seatpilot.seating.SeatingProblem;
import io.seatpilot.seating.SeatingResult;
import io.seatpilot.seating.SolveOptions;
import io.seatpilot.seating.Weights;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the seating routes do, independent of HTTP: solve, read, move, lock, wish, publish. */
final class Seatings {

    /** One seed for every solve, so that the same data and time limit give the same plan on the same machine. */
    private static final long SEED = 1;
    private static final int SOLVE_ATTEMPTS = 3;

    private final SeatingStore store;
    private final Clock clock;
    private final Metrics metrics;

    Seatings(SeatingStore store, Clock clock, Metrics metrics) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A versioned change ends applied, or refused because the caller's version is stale. */
    sealed interface Change permits Change.Done, Change.Stale {
        record Done(StoredPlan plan) implements Change {
        }

        record Stale(StoredPlan current) implements Change {
        }
    }

    StoredPlan solve(String tenant, String event, long timeLimitMs, boolean keepCurrent, Weights weights) {
        long started = System.nanoTime();
        // keep_current re-plans around what check-in uses, or around the working plan before anything is published.
        Map<String, String> current = !keepCurrent ? Map.of() : store.published(tenant, event).or(() -> store.plan(tenant, event))
                .map(p -> p.plan().assignments()).orElse(Map.of());
        SeatingProblem problem = problem(tenant, event, weights, current);
        if (problem.guests().isEmpty() || problem.tables().isEmpty()) {
            throw new ApiException(Reason.VALIDATION_FAILED, "The event has no guests or no tables to seat");
        }
        // The limit counts from the request, so reading the event does not come on top of it.
        long loadingMs = (System.nanoTime() - started) / 1_000_000;
        SeatingResult result;
        try {
            result = SeatingEngine.solve(problem, SolveOptions.timed(Math.max(1, timeLimitMs - loadingMs), SEED));
        } catch (InvalidProblemException e) {
            throw new ApiException(Reason.VALIDATION_FAILED, e.getMessage());
        }
        // Duration is the engine's whole answer as the planner waits for it: loading the event plus solving.
        metrics.milliseconds(SloMetrics.ASSIGN_DURATION, (System.nanoTime() - started) / 1_000_000.0);
        metrics.share(SloMetrics.ASSIGN_FEASIBLE, !(result instanceof SeatingResult.Infeasible));
        PlanFile plan = PlanFile.of(result);
        if (result instanceof SeatingResult.Infeasible) {
            return new StoredPlan(store.planVersion(tenant, event), plan);
        }
        // A solve is not an edit of a version the caller saw, so a concurrent write only means: store on top of it.
        for (int attempt = 0; attempt < SOLVE_ATTEMPTS; attempt++) {
            long version = store.planVersion(tenant, event);
            if (store.replacePlan(tenant, event, version, plan, clock.millis())) {
                return new StoredPlan(version + 1, plan);
            }
        }
        throw new ApiException(Reason.UNAVAILABLE, "The plan is being changed by others; retry");
    }

    StoredPlan current(String tenant, String event) {
        return store.plan(tenant, event).orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No seating plan yet"));
    }

    /** Applies manual moves on {@code version}; refuses moves that break a hard rule, naming each. */
    Change move(String tenant, String event, long version, List<Lock> moves) {
        StoredPlan current = current(tenant, event);
        if (current.version() != version) {
            return new Change.Stale(current);
        }
        // The score of a hand-edited plan counts moves against what check-in uses, as a keep_current solve would.
        SeatingProblem problem = problem(tenant, event, null, publishedAssignments(tenant, event));
        requireKnown(problem, moves, "moves");
        Map<String, String> assignments = new LinkedHashMap<>(current.plan().assignments());
        moves.forEach(move -> assignments.put(move.guest(), move.table()));
        List<String> broken = HardRules.violations(problem, assignments);
        if (!broken.isEmpty()) {
            throw new ApiException(Problem.of(Reason.VALIDATION_FAILED, "The moves break hard rules").withViolations(broken));
        }
        PlanFile plan = PlanFile.of(problem, assignments);
        if (!store.replacePlan(tenant, event, version, plan, clock.millis())) {
            return new Change.Stale(current(tenant, event));
        }
        return new Change.Done(new StoredPlan(version + 1, plan));
    }

    /** Replaces the planner's locks; the next solve keeps them, and manual moves may not break them. */
    void lock(String tenant, String event, List<Lock> locks) {
        requireKnown(problem(tenant, event, null, Map.of()), locks, "locks");
        store.putLocks(tenant, event, locks);
    }

    /** Replaces the planner's wishes (pair weights and {@code must_apart} pairs) for the next solve. */
    void wish(String tenant, String event, SeatingStore.Wishes wishes) {
        Set<String> guests = new HashSet<>();
        store.guests(tenant, event).forEach(g -> guests.add(g.id()));
        List<String> unknown = new ArrayList<>();
        wishes.relations().forEach(r -> unknownOf(guests, List.of(r.a(), r.b()), unknown));
        wishes.mustApart().forEach(pair -> unknownOf(guests, pair, unknown));
        if (!unknown.isEmpty()) {
            throw new ApiException(Problem.of(Reason.VALIDATION_FAILED, "The wishes name guests the event does not have")
                    .withViolations(unknown));
        }
        store.putWishes(tenant, event, wishes);
    }

    /**
     * Publishes the working plan (the one check-in answers with) only if it is still the {@code version} the
     * planner reviewed, so a plan changed meanwhile by another planner or a solve is never published unseen.
     */
    Change publish(String tenant, String event, long version) {
        StoredPlan current = current(tenant, event);
        if (current.version() != version) {
            return new Change.Stale(current);
        }
        if (!store.publish(tenant, event, current, clock.millis())) {
            return new Change.Stale(current(tenant, event));
        }
        return new Change.Done(current);
    }

    /**
     * The problem file from stored data; {@code current} is the plan whose changes cost {@code weights.move}
     * (empty: none). Wishes and locks of guests who declined since they were set are left out, not refused.
     */
    private SeatingProblem problem(String tenant, String event, Weights weights, Map<String, String> current) {
        List<Guest> guests = store.guests(tenant, event);
        Set<String> attending = new HashSet<>();
        guests.forEach(g -> attending.add(g.id()));
        SeatingStore.Wishes wishes = store.wishes(tenant, event);
        return new SeatingProblem(store.tables(tenant, event), guests,
                wishes.relations().stream().filter(r -> attending.contains(r.a()) && attending.contains(r.b())).toList(),
                wishes.mustApart().stream().filter(attending::containsAll).toList(),
                store.locks(tenant, event).stream().filter(l -> attending.contains(l.guest())).toList(), current, weights);
    }

    private Map<String, String> publishedAssignments(String tenant, String event) {
        return store.published(tenant, event).map(p -> p.plan().assignments()).orElse(Map.of());
    }

    /** Refuses guest → table pairs naming a guest or table the event does not have, listing each. */
    private static void requireKnown(SeatingProblem problem, List<Lock> pairs, String field) {
        Set<String> guests = new HashSet<>();
        problem.guests().forEach(g -> guests.add(g.id()));
        Set<String> tables = new HashSet<>();
        problem.tables().forEach(t -> tables.add(t.id()));
        List<String> unknown = new ArrayList<>();
        for (Lock pair : pairs) {
            unknownOf(guests, List.of(pair.guest()), unknown);
            if (!tables.contains(pair.table())) {
                unknown.add("unknown table " + pair.table());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiException(Problem.of(Reason.VALIDATION_FAILED, "The " + field + " name guests or tables the event does not have")
                    .withViolations(unknown));
        }
    }

    private static void unknownOf(Set<String> known, List<String> guests, List<String> unknown) {
        guests.stream().filter(g -> !known.contains(g)).forEach(g -> unknown.add("unknown guest " + g));
    }
}
