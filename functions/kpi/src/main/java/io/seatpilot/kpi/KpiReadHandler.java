package io.seatpilot.kpi;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.config.Env;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.HttpRoutes;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.incident.Incidents;
import io.seatpilot.core.safety.SafetyWiring;
import io.seatpilot.core.kpi.IncidentTimes;
import io.seatpilot.core.kpi.KpiRollups;
import io.seatpilot.core.kpi.KpiWiring;
import io.seatpilot.core.rsvp.RsvpStore;
import io.seatpilot.core.rsvp.RsvpTally;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /v1/events/{eventId}/kpis?from=&to=&step=} (SPEC §10): stored windows merged into the asked steps, and
 * the event's incident times (time to acknowledge / resolve, p50 and p95, and each incident's).
 */
public final class KpiReadHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final KpiRollups rollups;
    private final EventSetupStore events;
    private final RsvpTally rsvp;
    private final Incidents incidents;
    private final HttpRoutes routes;

    public KpiReadHandler() {
        this(System.getenv());
    }

    public KpiReadHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        this.rollups = new KpiWiring(platform).rollups();
        this.events = new EventSetupStore(platform.dynamo(), platform.table());
        this.rsvp = new RsvpTally(events, new RsvpStore(platform.dynamo(), platform.table()));
        this.incidents = SafetyWiring.incidents(platform, events);
        this.routes = HttpRoutes.builder().route("GET /v1/events/{eventId}/kpis", this::kpis).build();
        platform.restoreCalls();
        Priming.register(platform.hooks(), new KpiReadPrimer(this, platform.env()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }

    private ApiResponse kpis(ApiRequest request) {
        Principal.User user = Callers.anyPerson(request);
        String eventId = Callers.event(request, user);
        EventDefinition event = events.event(user.tenantId(), eventId)
                .orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such event"));
        ObjectNode body = Json.MAPPER.valueToTree(rollups.read(user.tenantId(), eventId, request.longParameter("from"),
                request.longParameter("to"), request.longParameter("step")));
        body.set("rsvp", Json.MAPPER.valueToTree(rsvp.of(user.tenantId(), eventId, event)));
        // incidents are few and their times final once recorded: read whole at each call, not rolled up per minute
        body.set("incidents", Json.MAPPER.valueToTree(IncidentTimes.of(incidents.incidents(user.tenantId(), eventId)).toData()));
        return ApiResponse.json(200, body);
    }
}
