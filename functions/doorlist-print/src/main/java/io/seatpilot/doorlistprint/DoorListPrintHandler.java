package io.seatpilot.doorlistprint;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.event.EventWiring;
import io.seatpilot.core.checkin.DoorWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.doorlist.PrintedList;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.HttpRoutes;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.i18n.Messages;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** The printable door list (SPEC §15): PDF and CSV for admin, planner and ops. */
public final class DoorListPrintHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final PrintedList printed;
    private final HttpRoutes routes;

    public DoorListPrintHandler() {
        this(System.getenv());
    }

    public DoorListPrintHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        this.printed = new DoorWiring(new EventWiring(platform)).printedList();
        this.routes = HttpRoutes.builder()
                .route("GET /v1/events/{eventId}/doorlist.pdf", this::pdf)
                .route("GET /v1/events/{eventId}/doorlist.csv", this::csv)
                .build();
        platform.restoreCalls();
        Priming.register(platform.hooks(), new DoorListPrintPrimer(this, platform.env()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }

    private ApiResponse pdf(ApiRequest request) {
        String eventId = request.pathParameter("eventId");
        PrintedList.Sheet sheet = sheet(request);
        Messages messages = Messages.of(Languages.resolve(request.queryParameter("lang").orElse(null),
                request.header("accept-language").orElse(null), sheet.event()::defaultLocale));
        return ApiResponse.binary(200, "application/pdf", DoorListPdf.write(sheet, messages), headers(eventId, "pdf"));
    }

    private ApiResponse csv(ApiRequest request) {
        String eventId = request.pathParameter("eventId");
        PrintedList.Sheet sheet = sheet(request);
        return new ApiResponse(200, "text/csv; charset=utf-8", new String(DoorListCsv.write(sheet), StandardCharsets.UTF_8),
                headers(eventId, "csv"));
    }

    private PrintedList.Sheet sheet(ApiRequest request) {
        Principal.User user = Callers.person(request, Role.ADMIN, Role.PLANNER, Role.OPS);
        return printed.sheet(user.tenantId(), Callers.event(request, user));
    }

    /** Guests' names: kept out of shared caches, saved under a name that says what it is. */
    private static Map<String, String> headers(String eventId, String extension) {
        return Map.of("cache-control", "no-store", "x-content-type-options", "nosniff",
                "content-disposition", "attachment; filename=\"doorlist-" + eventId + "." + extension + "\"");
    }
}
