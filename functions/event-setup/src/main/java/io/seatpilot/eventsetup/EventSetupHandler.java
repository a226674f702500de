package io.seatpilot.eventsetup;

import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.event.EventWiring;
import io.seatpilot.core.paging.OnCall;
import io.seatpilot.core.checkin.CheckinStore;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.audit.AuditLog;
import io.seatpilot.core.auth.Access;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.store.Ids;
import io.seatpilot.core.event.EventSetup;
import io.seatpilot.core.event.EventSetupStore;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.GuestImport;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.JsonBodies;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.HttpRoutes;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.invite.Invitations;
import io.seatpilot.core.observability.Logs;
import io.seatpilot.core.personal.PersonalDataRequests;
import io.seatpilot.core.rsvp.Rsvps;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Event set-up (SPEC §6): the event itself (admin), guests and households, tables, passes (admin or planner). */
public final class EventSetupHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final EventSetup setup;
    private final AuditLog audit;
    private final EventSetupStore guests;
    private final PersonalDataRequests personalData;
    private final Rsvps rsvps;
    private final Invitations invitations;
    private final Clock clock;
    private final HttpRoutes routes;

    public EventSetupHandler() {
        this(System.getenv());
    }

    public EventSetupHandler(Map<String, String> environment) {
        Platform platform = new Platform(new Env(environment), Clock.systemUTC());
        EventWiring event = new EventWiring(platform);
        this.setup = event.eventSetup(OnCall.forStage(platform));
        this.audit = platform.auditLog();
        this.guests = event.personalEventSetupStore();
        this.personalData = event.personalDataRequests(new CheckinStore(platform.dynamo(), platform.table()));
        this.rsvps = event.rsvps();
        this.invitations = event.invitations(setup);
        this.clock = platform.clock();
        this.routes = HttpRoutes.builder()
                .route("PUT /v1/events/{eventId}", this::putEvent)
                .route("PUT /v1/events/{eventId}/guests", this::putGuests)
                .route("PUT /v1/events/{eventId}/tables", this::putTables)
                .route("POST /v1/events/{eventId}/passes", this::issuePasses)
                .route("GET /v1/events/{eventId}/guests/{guestId}", this::readGuest)
                .route("GET /v1/events/{eventId}/guests/{guestId}/export", this::exportGuest)
                .route("DELETE /v1/events/{eventId}/guests/{guestId}", this::eraseGuest)
                .route("POST /v1/events/{eventId}/invitations", this::invite)
                .route("GET /v1/events/{eventId}/invitations", this::invitationStatus)
                .route("GET /r/{token}", this::rsvpPage)
                .route("POST /v1/rsvp/{token}", this::rsvpAnswer)
                .build();
        platform.restoreCalls();
        Priming.register(platform.hooks(), new EventSetupPrimer(this, platform.env()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }

    private ApiResponse putEvent(ApiRequest request) {
        Principal.User admin = Callers.person(request, Role.ADMIN);
        String eventId = Callers.event(request, admin);
        if (request.body().length > EventSetup.MAX_EVENT_BODY_BYTES) {
            throw new ApiException(Reason.PAYLOAD_TOO_LARGE, "An event definition is at most " + EventSetup.MAX_EVENT_BODY_BYTES + " bytes");
        }
        boolean created = setup.putEvent(admin.tenantId(), eventId, body(request, admin), clock.millis());
        return ApiResponse.json(created ? 201 : 200, Map.of("event_id", eventId, "created", created));
    }

    private ApiResponse putGuests(ApiRequest request) {
        Principal.User user = Callers.person(request, Role.ADMIN, Role.PLANNER);
        String eventId = Callers.event(request, user);
        GuestImport.Parsed parsed = switch (request.contentType()) {
            case "text/csv" -> GuestImport.csv(request.bodyText());
            case "application/json", "" -> GuestImport.json(body(request, user));
            default -> throw new ApiException(Reason.UNSUPPORTED_MEDIA_TYPE, "Send application/json or text/csv");
        };
        var result = setup.importGuests(user.tenantId(), eventId, parsed);
        // who changed the guest list, when, and how much (SPEC §17); never the guests' names. One entry per request:
        // an import has no idempotency key, and importing the same list twice is two actions.
        audit.append(user.tenantId(), new AuditLog.Entry("guests-imported-" + request.requestId(), eventId,
                "guests_imported", user.actorId(), eventId, clock.millis(), Map.of(
                "format", "text/csv".equals(request.contentType()) ? "csv" : "json",
                "imported", Integer.toString(result.imported()), "households", Integer.toString(result.households()),
                "rejected", Integer.toString(result.errors().size()))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("imported", result.imported());
        body.put("households", result.households());
        body.put("rejected", result.errors().size());
        body.put("errors", result.errors());
        return ApiResponse.json(200, body);
    }

    private ApiResponse putTables(ApiRequest request) {
        Principal.User user = Callers.person(request, Role.ADMIN, Role.PLANNER);
        String eventId = Callers.event(request, user);
        var result = setup.putTables(user.tenantId(), eventId, body(request, user));
        return ApiResponse.json(200, Map.of("imported", result.imported(), "rejected", result.errors().size(),
                "errors", result.errors()));
    }

    private ApiResponse issuePasses(ApiRequest request) {
        Principal.User user = Callers.person(request, Role.ADMIN, Role.PLANNER);
        String eventId = Callers.event(request, user);
        JsonNode body = request.body().length == 0 ? null : body(request, user);
        var issued = setup.issuePasses(user.tenantId(), eventId, body, clock.millis());
        invitations.keepLinks(user.tenantId(), eventId, issued);
        return ApiResponse.json(201, Map.of("passes", issued));
    }

    /** One guest with personal fields opened (SPEC §16: admin and planner only). */
    private ApiResponse readGuest(ApiRequest request) {
        Principal.User user = Callers.person(request, Role.ADMIN, Role.PLANNER);
        String eventId = Callers.event(request, user);
        Guest guest = guests.openGuest(user.tenantId(), eventId, guestIdOf(request))
                .orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such guest"));
        return ApiResponse.json(200, GuestView.of(guest));
    }

    private ApiResponse exportGuest(ApiRequest request) {
        Principal.User admin = Callers.person(request, Role.ADMIN);
        String eventId = Callers.event(request, admin);
        return personalData.export(admin.tenantId(), eventId, guestIdOf(request), admin.actorId(), clock.millis())
                .map(document -> ApiResponse.json(200, document))
                .orElseThrow(() -> new ApiException(Reason.NOT_FOUND, "No such guest"));
    }

    private ApiResponse eraseGuest(ApiRequest request) {
        Principal.User admin = Callers.person(request, Role.ADMIN);
        String eventId = Callers.event(request, admin);
        String guestId = guestIdOf(request);
        if (!personalData.erase(admin.tenantId(), eventId, guestId, admin.actorId(), clock.millis())) {
            throw new ApiException(Reason.NOT_FOUND, "No such guest");
        }
        return ApiResponse.json(200, Map.of("guest_id", guestId, "erased", true));
    }

    /** Queues invitations, reminders or passes (SPEC §16): 202, the sender works through the queue. */
    private ApiResponse invite(ApiRequest request) {
        Principal.User user = Callers.person(request, Role.ADMIN, Role.PLANNER);
        String eventId = Callers.event(request, user);
        Invitations.Request parsed = Invitations.parse(body(request, user));
        return ApiResponse.json(202, invitations.request(user.tenantId(), eventId, parsed, clock.millis()));
    }

    private ApiResponse invitationStatus(ApiRequest request) {
        Principal.User user = Callers.person(request, Role.ADMIN, Role.PLANNER);
        String eventId = Callers.event(request, user);
        return ApiResponse.json(200, Map.of("event_id", eventId, "deliveries", invitations.status(user.tenantId(), eventId)));
    }

    /** The RSVP page (SPEC §16): HTML; the token is the capability, so never cached nor sent on as a Referer. */
    private ApiResponse rsvpPage(ApiRequest request) {
        String token = request.pathParameter("token");
        String flash = request.queryParameter("saved").map(v -> "saved").or(() -> request.queryParameter("failed")
                .map(v -> "failed")).orElse(null);
        try {
            Rsvps.View view = rsvps.view(token, clock.millis());
            Logs.tenant(view.party().tenant());
            return page(200, RsvpPage.render(view, language(request, view), token, flash));
        } catch (ApiException unknown) {
            // a browser gets a page it can show; any other client the usual problem+json (SPEC §13)
            if (!request.header("accept").map(accept -> accept.contains("text/html")).orElse(false)) {
                throw unknown;
            }
            return page(404, RsvpPage.unknown(language(request, null)));
        }
    }

    /**
     * A party's answers: JSON from a client ({@code 200} with the stored answers), or the page's own form, which is
     * sent back to the page ({@code 303}) saying whether the answer was kept.
     */
    private ApiResponse rsvpAnswer(ApiRequest request) {
        String token = request.pathParameter("token");
        if (!Ids.PASS.matcher(token).matches()) {
            // nothing else could open a pass, and only a token of these characters may go back into a Location
            throw new ApiException(Reason.PASS_UNKNOWN, "Pass unknown");
        }
        if (!request.contentType().equals(RsvpForm.CONTENT_TYPE)) {
            Rsvps.View view = rsvps.answer(token, json(request), clock.millis());
            Logs.tenant(view.party().tenant());
            return ApiResponse.json(200, RsvpJson.of(view));
        }
        String back = "/r/" + token + "?lang=" + Languages.supported(request.queryParameter("lang").orElse(null)).orElse(Languages.FALLBACK);
        try {
            rsvps.answer(token, RsvpForm.toBody(request.bodyText()), clock.millis());
            return new ApiResponse(303, null, "", Map.of("location", back + "&saved=1", "cache-control", "no-store"));
        } catch (ApiException refused) {
            return new ApiResponse(303, null, "", Map.of("location", back + "&failed=" + refused.problem().reason(),
                    "cache-control", "no-store"));
        }
    }

    private static String language(ApiRequest request, Rsvps.View view) {
        String guestLocale = view == null ? null : view.party().guests().getFirst().invitation().locale();
        return Languages.supported(request.queryParameter("lang").orElse(null))
                .or(() -> Languages.supported(guestLocale))
                .orElseGet(() -> Languages.resolve(null, request.header("accept-language").orElse(null),
                        () -> view == null ? null : view.party().definition().defaultLocale()));
    }

    private static ApiResponse page(int status, RsvpPage.Rendered page) {
        return new ApiResponse(status, "text/html; charset=utf-8", page.html(), Map.of("cache-control", "no-store",
                "referrer-policy", "no-referrer", "content-security-policy", page.contentSecurityPolicy(),
                "x-content-type-options", "nosniff", "vary", "accept-language"));
    }

    private static String guestIdOf(ApiRequest request) {
        String guestId = request.pathParameter("guestId");
        if (!Ids.isItem(guestId)) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "guestId", "A guest id is 1 to 128 of A-Z a-z 0-9 _ . : -");
        }
        return guestId;
    }

    /**
     * The JSON body, after SPEC §3's tenant rule: a {@code tenant_id} other than the credential's is refused with
     * 403 tenant_mismatch (the tenant never comes from a body); the caller's own is accepted and dropped.
     */
    private static JsonNode body(ApiRequest request, Principal principal) {
        JsonNode body = json(request);
        if (body instanceof ObjectNode object && object.has("tenant_id")) {
            JsonNode tenant = object.get("tenant_id");
            if (!tenant.isTextual()) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "tenant_id", "tenant_id must be a string");
            }
            Access.requireSameTenant(principal, tenant.asText());
            object.remove("tenant_id");
        }
        return body;
    }

    private static JsonNode json(ApiRequest request) {
        JsonNode node = JsonBodies.tree(request.body());
        if (node == null || node.isMissingNode()) {
            throw new ApiException(Reason.VALIDATION_FAILED, "A JSON body is required");
        }
        return node;
    }
}
