package io.seatpilot.livepublisher;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.HttpRoutes;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.kpi.KpiWiring;
import io.seatpilot.core.kpi.LiveSnapshots;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /v1/events/{eventId}/live/snapshot} (SPEC §11): where a page that saw a gap in the seqs starts again.
 * It lives beside the publisher because the two keep one promise between them — the snapshot's seq is read
 * before its data, the publisher numbers each message after its change is stored — and because the WebSocket
 * function checks tokens itself, while this route is behind the HTTP API's JWT authorizer.
 */
public final class LiveSnapshotHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final LiveSnapshots snapshots;
    private final HttpRoutes routes;

    public LiveSnapshotHandler() {
        this(System.getenv());
    }

    public LiveSnapshotHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        this.snapshots = new KpiWiring(platform).liveSnapshots();
        this.routes = HttpRoutes.builder().route("GET /v1/events/{eventId}/live/snapshot", this::snapshot).build();
        platform.restoreCalls();
        Priming.register(platform.hooks(), new LiveSnapshotPrimer(this, platform.env()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }

    private ApiResponse snapshot(ApiRequest request) {
        Principal.User user = Callers.anyPerson(request);
        String eventId = Callers.event(request, user);
        // ?stop= views a stop of the event (SPEC §16); without it, the first stop, as before events had stops
        return snapshots.snapshot(user.tenantId(), eventId, request.queryParameter("stop").orElse(null))
                .map(snapshot -> ApiResponse.json(200, snapshot))
                .orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such event or stop"));
    }
}
