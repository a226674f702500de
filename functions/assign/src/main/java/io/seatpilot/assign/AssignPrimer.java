package io.seatpilot.assign;

import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.seating.SeatingStore;
import io.seatpilot.core.snapstart.DynamoDbPriming;
import io.seatpilot.core.snapstart.OfflineClients;
import io.seatpilot.core.snapstart.Primer;
import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.seating.InstanceGenerator;
import io.seatpilot.seating.PlanFile;
import io.seatpilot.seating.SeatingEngine;
import io.seatpilot.seating.SeatingProblem;
import io.seatpilot.seating.SolveOptions;
import io.seatpilot.seating.Weights;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The planner's first solve, before the snapshot: the solve route reads its caller and body and asks the seating
 * store (on {@link OfflineClients}, where the event does not exist, so the route stops at its 404); the engine then
 * seats a generated 30-guest wedding for 100 ms (construction and local search), and its plan file is written,
 * gzipped and stored through the store's conditional write, marshalled and never sent; last an unknown route
 * through the real handler.
 */
record AssignPrimer(AssignHandler handler, Env env) implements Primer {

    private static final String TENANT = "priming";
    private static final String EVENT = "priming-event";
    /** Long enough for the engine's local search to run its moves, short enough for every local stack's start. */
    private static final long SOLVE_MS = 100;

    @Override
    public void prime() {
        DynamoDbPriming.prime(env);
        Clock clock = Clock.systemUTC();
        String table = env.require("TABLE_NAME");
        try (DynamoDbClient dynamo = OfflineClients.client(env, DynamoDbClient::builder)) {
            SeatingStore store = new SeatingStore(dynamo, table);
            var routes = new SeatingRoutes(store, new AuditLog(dynamo, table), clock, new Metrics("SeatPilot/Priming", "assign"));
            String path = "/v1/events/" + EVENT + "/seating/solve";
            var solve = new ApiRequest("POST /v1/events/{eventId}/seating/solve", "POST", path,
                    Map.of("content-type", "application/json"), "{\"time_limit_ms\":1000,\"keep_current\":false}".getBytes(StandardCharsets.UTF_8),
                    Map.of(), Map.of("eventId", EVENT), Map.of("tenant_id", TENANT, "sub", "priming", "roles", "[admin]"), "priming");
            try {
                routes.solve(solve);
                throw new IllegalStateException("The priming solve found an event where there is none");
            } catch (ApiException refused) {
                ApiResponse.problem(refused.problem()).toGatewayResponse(solve.requestId());
            }

            SeatingProblem problem = InstanceGenerator.generate(InstanceGenerator.Kind.WEDDING, 30, 1);
            PlanFile plan = PlanFile.of(SeatingEngine.solve(problem, SolveOptions.timed(SOLVE_MS, 1)));
            store.problem(TENANT, EVENT, Weights.DEFAULT, Map.of());
            store.replacePlan(TENANT, EVENT, 0, plan, Set.of(), clock.millis());
            ApiResponse.json(200, plan).toGatewayResponse(solve.requestId());
        }
        Priming.unknownRoute(handler, "assign");
    }
}
