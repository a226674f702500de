package io.seatpilot.assign;

import io.seatpilot.core.wiring.Platform;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.http.HttpRoutes;
import io.seatpilot.core.seating.SeatingStore;
import io.seatpilot.core.snapstart.Priming;
import java.time.Clock;
import java.util.Map;

/** Seating routes of SPEC §8: solve, read, move, lock, relations, publish (admin and planner). */
public final class AssignHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final HttpRoutes routes;

    public AssignHandler() {
        this(System.getenv());
    }

    public AssignHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        SeatingRoutes seating = new SeatingRoutes(new SeatingStore(platform.dynamo(), platform.table()), platform.auditLog(),
                platform.clock(), platform.metrics());
        String base = "/v1/events/{eventId}/seating";
        this.routes = HttpRoutes.builder()
                .route("POST " + base + "/solve", seating::solve)
                .route("GET " + base, seating::get)
                .route("POST " + base + "/moves", seating::moves)
                .route("PUT " + base + "/locks", seating::locks)
                .route("PUT " + base + "/relations", seating::relations)
                .route("POST " + base + "/publish", seating::publish)
                .build();
        platform.restoreCalls();
        Priming.register(platform.hooks(), new AssignPrimer(this, platform.env()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
