package io.seatpilot.admin;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.devices.DeviceWiring;
import io.seatpilot.core.event.EventWiring;
import io.seatpilot.core.telemetry.TelemetryWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.http.HttpRoutes;
import java.time.Clock;
import java.util.Map;

/** Admin routes: device keys, ingest statistics, quarantine and replay. */
public final class AdminHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final HttpRoutes routes;

    public AdminHandler() {
        this(System.getenv());
    }

    public AdminHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        DeviceWiring deviceWiring = new DeviceWiring(platform);
        TelemetryWiring telemetry = new TelemetryWiring(platform, deviceWiring);
        DeviceRoutes devices = new DeviceRoutes(deviceWiring.deviceKeyIssuer(), new EventWiring(platform).eventSetupStore(),
                platform.auditLog(), platform.clock());
        IngestAdminRoutes ingest = new IngestAdminRoutes(telemetry.ingestStats(), telemetry.quarantine(),
                telemetry.telemetryIngestion(), platform.clock());
        this.routes = HttpRoutes.builder()
                .route("POST /v1/devices", devices::issue)
                .route("PATCH /v1/devices/{deviceId}", devices::move)
                .route("DELETE /v1/devices/{deviceId}/keys/{keyId}", devices::revoke)
                .route("GET /v1/ingest/stats", ingest::stats)
                .route("GET /v1/ingest/quarantine", ingest::quarantine)
                .route("POST /v1/ingest/quarantine/{id}/replay", ingest::replay)
                .build();
        platform.restoreCalls();
        Priming.register(platform.hooks(), new AdminPrimer(this, platform.env()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }
}
