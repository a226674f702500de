package io.seatpilot.checkin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.Services;
import io.seatpilot.core.auth.Access;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.auth.TokenVerifier;
import io.seatpilot.core.aws.AwsClients;
import io.seatpilot.core.checkin.Actor;
import io.seatpilot.core.checkin.CheckinRequest;
import io.seatpilot.core.checkin.CheckinResult;
import io.seatpilot.core.checkin.Checkins;
import io.seatpilot.core.checkin.DoorLookups;
import io.seatpilot.core.checkin.Identity;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.doorlist.DoorList;
import io.seatpilot.core.doorlist.DoorLists;
import io.seatpilot.core.http.EntityTags;
import io.seatpilot.core.event.PassCalendar;
import io.seatpilot.core.event.PassTokens;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.i18n.Messages;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ClientTimes;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.HttpRoutes;
import io.seatpilot.core.http.JsonBodies;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.ratelimit.RateLimit;
import io.seatpilot.core.ratelimit.RateLimiter;
import io.seatpilot.core.observability.Logs;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.observability.SloMetrics;
import io.seatpilot.core.signing.SignatureHeaders;
import io.seatpilot.core.signing.SignedRequestVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The door (SPEC §7): check-in, undo, name search and arrivals for signed kiosks and for staff with a JWT, and
 * the guest's own pass view, whose token is its only credential.
 */
public final class CheckinHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> CHECKIN_FIELDS = Set.of("checkin_id", "pass", "guest_id", "household_pass",
            "guest_ids", "mode", "scanned_at", "session_id", "tenant_id", "code");
    private static final Set<String> ARRIVAL_FIELDS = Set.of("guest_id", "pass", "table_id", "confirm_mode",
            "arrived_at", "session_id", "tenant_id");
    private static final Pattern CHECKIN_ID = Pattern.compile("[0-9a-fA-F-]{36}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{4,256}");
    private static final Pattern CONFIRM_MODE = Pattern.compile("qr|tap");
    /** Nonce writes run on virtual threads beside the request's reads. */
    private static final Executor NONCES = Executors.newVirtualThreadPerTaskExecutor();

    private final SignedRequestVerifier verifier;
    private final TokenVerifier tokens;
    private final Checkins checkins;
    private final DoorLookups lookups;
    private final DoorLists doorLists;
    private final Metrics metrics;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final HttpRoutes routes;

    public CheckinHandler() {
        this(System.getenv());
    }

    public CheckinHandler(Map<String, String> environment) {
        this(new Services(new Env(environment), Clock.systemUTC()));
    }

    /** Lets the local stack and tests run the door on another clock (e.g. to pass the undo window). */
    public CheckinHandler(Services services) {
        this.verifier = services.doorRequestVerifier();
        this.tokens = TokenVerifier.fromEnvironment(services.env(), new AwsClients(services.env()));
        this.checkins = services.checkins();
        this.lookups = services.doorLookups();
        this.doorLists = services.doorLists();
        this.metrics = services.metrics();
        this.clock = services.clock();
        this.rateLimiter = services.rateLimiter();
        this.routes = HttpRoutes.builder()
                .route("POST /v1/events/{eventId}/checkins", this::checkIn)
                .route("POST /v1/events/{eventId}/checkins/{checkinId}/undo", this::undo)
                .route("GET /v1/events/{eventId}/guests/search", this::search)
                .route("POST /v1/events/{eventId}/arrivals", this::arrive)
                .route("GET /v1/passes/{token}", this::passView)
                .route("GET /v1/events/{eventId}/doorlist", this::doorList)
                .route("GET /p/{token}", this::passPage)
                .route("GET /p/{token}/event.ics", this::passCalendar)
                .build();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }

    private ApiResponse checkIn(ApiRequest request) {
        Stages stages = new Stages(System.nanoTime());
        ApiResponse response = caller(request).answer(door -> checkIn(request, door, stages));
        stages.publish(metrics);
        return response;
    }

    /** {@code door.confirm()} runs once the reads are done, just before the check-in's one transaction. */
    private ApiResponse checkIn(ApiRequest request, Caller door, Stages stages) {
        String eventId = eventOf(request, door.principal());
        rateLimiter.acquire(RateLimit.CHECKIN, door.principal());
        ObjectNode body = JsonBodies.object(request, CHECKIN_FIELDS);
        Access.requireSameTenant(door.principal(), body.path("tenant_id").asText(null));
        CheckinRequest checkin = CheckinRequest.online(eventId, body, clock.millis());
        stages.parsed();
        Runnable beforeWrite = () -> {
            stages.lookedUp();
            door.confirm();
            stages.writing();
        };
        CheckinResult result = checkin.identity() instanceof Identity.ByCode
                ? checkInByCode(door, checkin, beforeWrite) : checkins.checkIn(Actor.of(door.principal()), checkin, true, beforeWrite);
        stages.persisted();
        metrics.count("Checkins", 1, "outcome", result.getClass().getSimpleName());
        return switch (result) {
            case CheckinResult.Created created -> ApiResponse.json(201, created.answer());
            case CheckinResult.Repeated repeated -> ApiResponse.json(200, repeated.answer());
            case CheckinResult.AlreadyCheckedIn already -> {
                ObjectNode problem = (ObjectNode) Json.tree(Problem.of(Reason.ALREADY_CHECKED_IN,
                        "This guest was checked in by another scan"));
                problem.set("first_checkin", Json.tree(already.first()));
                yield new ApiResponse(409, Problem.CONTENT_TYPE, problem.toString());
            }
        };
    }

    /**
     * Wrong short codes have their own budget (SPEC §14: 10 a minute per device key or user): a caller over it is
     * refused before its code is even looked up, so guessing stops for right and wrong codes alike; only an
     * unknown code spends from it.
     */
    private CheckinResult checkInByCode(Caller door, CheckinRequest checkin, Runnable beforeWrite) {
        rateLimiter.requireUnspent(RateLimit.WRONG_CODE, door.principal());
        try {
            return checkins.checkIn(Actor.of(door.principal()), checkin, true, beforeWrite);
        } catch (ApiException refused) {
            if (Reason.PASS_UNKNOWN.code().equals(refused.problem().reason())) {
                metrics.count("WrongShortCodes", 1);
                rateLimiter.acquire(RateLimit.WRONG_CODE, door.principal());
            }
            throw refused;
        }
    }

    private ApiResponse undo(ApiRequest request) {
        Principal door = caller(request).confirmed();
        String eventId = eventOf(request, door);
        String checkinId = request.pathParameter("checkinId");
        if (!CHECKIN_ID.matcher(checkinId).matches()) {
            throw new ApiException(Reason.NOT_FOUND, "No such check-in");
        }
        var undone = checkins.undo(Actor.of(door), eventId, checkinId, clock.millis(), true);
        return ApiResponse.json(undone.repeated() ? 200 : 201, Map.of("checkin_id", undone.checkinId(),
                "guest_ids", undone.guestIds(), "undone_at", undone.undoneAt(), "status", "undone"));
    }

    /** Read-only: the lookup runs beside the nonce's write, and the answer waits for both. */
    private ApiResponse search(ApiRequest request) {
        return caller(request).answer(door -> {
            String eventId = eventOf(request, door.principal());
            rateLimiter.acquire(RateLimit.NAME_SEARCH, door.principal());
            var guests = lookups.search(door.principal().tenantId(), eventId, request.queryParameter("q").orElse(""));
            metrics.share(SloMetrics.NAME_SEARCH_NOT_FOUND, guests.isEmpty());
            return ApiResponse.json(200, Map.of("guests", guests));
        });
    }

    private ApiResponse arrive(ApiRequest request) {
        Principal door = caller(request).confirmed();
        String eventId = eventOf(request, door);
        ObjectNode body = JsonBodies.object(request, ARRIVAL_FIELDS);
        Access.requireSameTenant(door, body.path("tenant_id").asText(null));
        boolean byPass = body.hasNonNull("pass");
        if (byPass == body.hasNonNull("guest_id")) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "guest_id", "Give exactly one of guest_id, pass");
        }
        Identity identity = byPass ? new Identity.ByPass(JsonBodies.requiredText(body, "pass", TOKEN))
                : new Identity.ByGuest(JsonBodies.requiredText(body, "guest_id", ID));
        var arrivedAt = body.get("arrived_at");
        if (arrivedAt == null || !arrivedAt.isIntegralNumber() || arrivedAt.asLong() <= 0) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "arrived_at", "arrived_at must be epoch milliseconds");
        }
        var answer = checkins.arrive(Actor.of(door), new Checkins.ArrivalRequest(eventId, identity,
                JsonBodies.requiredText(body, "table_id", ID), JsonBodies.requiredText(body, "confirm_mode", CONFIRM_MODE),
                ClientTimes.require("arrived_at", arrivedAt.asLong(), clock.millis()), body.path("session_id").asText(null)), true);
        return ApiResponse.json(answer.repeated() ? 200 : 201, answer);
    }

    private ApiResponse passView(ApiRequest request) {
        String token = request.pathParameter("token");
        if (!TOKEN.matcher(token).matches()) {
            throw new ApiException(Reason.PASS_UNKNOWN, "Pass unknown");
        }
        return ApiResponse.json(200, lookups.passView(token));
    }

    /**
     * The guest's pass page (SPEC §15): HTML for browsers. A token that opens nothing answers a friendly 404 page to
     * a browser and the usual problem+json to any other client (SPEC §13). Never cached, never leaked in a Referer:
     * the URL is the credential.
     */
    private ApiResponse passPage(ApiRequest request) {
        String token = request.pathParameter("token");
        DoorLookups.GuestPass pass;
        try {
            pass = guestPass(token);
        } catch (ApiException unknown) {
            if (!wantsHtml(request)) {
                throw unknown;
            }
            Messages messages = Messages.of(Languages.resolve(request.queryParameter("lang").orElse(null),
                    request.header("accept-language").orElse(null), null));
            return html(404, PassPage.unknown(messages));
        }
        Messages messages = messagesFor(request, pass);
        return html(200, PassPage.render(pass, messages, pageUrl(request, token)));
    }

    /** The pass's calendar entry; an event without a date has none. */
    private ApiResponse passCalendar(ApiRequest request) {
        String token = request.pathParameter("token");
        DoorLookups.GuestPass pass = guestPass(token);
        if (pass.event().startsAt() == null) {
            throw new ApiException(Reason.NOT_FOUND, "The event has no date yet");
        }
        Messages messages = messagesFor(request, pass);
        String url = pageUrl(request, token);
        String ics = PassCalendar.event(PassTokens.hash("ics|" + token) + "@seatpilot", pass.issuedAt(), pass.event().startsAt(),
                pass.event().name(), pass.event().venue(), PassPage.calendarDescription(pass, messages, url), url);
        return new ApiResponse(200, "text/calendar; charset=utf-8", ics, Map.of("cache-control", "no-store",
                "referrer-policy", "no-referrer", "content-disposition", "attachment; filename=\"event.ics\"",
                "x-content-type-options", "nosniff"));
    }

    private DoorLookups.GuestPass guestPass(String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw new ApiException(Reason.PASS_UNKNOWN, "Pass unknown");
        }
        DoorLookups.GuestPass pass = lookups.guestPass(token);
        Logs.tenant(PassTokens.tenantOf(token).orElseThrow());
        return pass;
    }

    private static Messages messagesFor(ApiRequest request, DoorLookups.GuestPass pass) {
        return Messages.of(Languages.resolve(request.queryParameter("lang").orElse(null),
                request.header("accept-language").orElse(null), pass.event().defaultLocale()));
    }

    private static boolean wantsHtml(ApiRequest request) {
        return request.header("accept").map(accept -> accept.contains("text/html")).orElse(false);
    }

    /**
     * The URL the guest opened, which the QR encodes: the host they reached (a CDN in front may name the public one
     * in X-Forwarded-Host) and the scheme the gateway saw.
     */
    private static String pageUrl(ApiRequest request, String token) {
        String host = request.header("x-forwarded-host").or(() -> request.header("host")).orElse("localhost");
        String scheme = request.header("x-forwarded-proto").filter(p -> p.equals("http")).orElse("https");
        return scheme + "://" + host + "/p/" + token;
    }

    private static ApiResponse html(int status, PassPage.Rendered page) {
        return new ApiResponse(status, "text/html; charset=utf-8", page.html(), Map.of(
                "cache-control", "no-store", "referrer-policy", "no-referrer",
                "content-security-policy", page.contentSecurityPolicy(), "x-content-type-options", "nosniff",
                "vary", "accept, accept-language"));
    }

    /**
     * The door list a kiosk works from offline (SPEC §15). Kiosks poll it while online, so an unchanged list answers
     * {@code 304} to its ETag without a body; a list is sent gzipped to clients that accept it (3 000 guests shrink
     * about fivefold).
     */
    private ApiResponse doorList(ApiRequest request) {
        return caller(request).answer(door -> {
            DoorList list = doorLists.build(door.principal().tenantId(), eventOf(request, door.principal()), clock.millis());
            Map<String, String> headers = Map.of("etag", list.etag(), "cache-control", "private, no-cache",
                    "vary", "accept-encoding, authorization");
            if (request.header("if-none-match").map(tags -> EntityTags.matches(tags, list.etag())).orElse(false)) {
                return new ApiResponse(304, null, null, headers);
            }
            byte[] json = Json.write(list).getBytes(StandardCharsets.UTF_8);
            if (request.header("accept-encoding").map(EntityTags::acceptsGzip).orElse(false)) {
                Map<String, String> gzipped = new java.util.HashMap<>(headers);
                gzipped.put("content-encoding", "gzip");
                return ApiResponse.binary(200, "application/json", EntityTags.gzip(json), gzipped);
            }
            return new ApiResponse(200, "application/json", new String(json, StandardCharsets.UTF_8), headers);
        });
    }

    /**
     * The server's share of a check-in (SPEC §1: ≤ 100 ms of the 300 ms p95), split where it is spent: parse
     * (signature, rate limit, body, until the domain is called), lookup (the domain's reads), persist (the one
     * transaction), total (from the handler's entry to the answer, so it also holds the wait for the nonce's write
     * between lookup and persist). Published only for answered check-ins (201, 200, 409): a refusal stops early
     * and would make the stages look fast. A repeat or a guest already in writes nothing; its persist is ~0.
     */
    private static final class Stages {

        private final long started;
        private long parsed;
        private long lookedUp;
        private long writing;
        private long persisted;

        Stages(long started) {
            this.started = started;
        }

        void parsed() {
            parsed = System.nanoTime();
        }

        void lookedUp() {
            lookedUp = System.nanoTime();
        }

        void writing() {
            writing = System.nanoTime();
        }

        void persisted() {
            persisted = System.nanoTime();
        }

        /** Each mark was passed: the domain runs {@code beforeWrite} before any answer it returns. */
        void publish(Metrics metrics) {
            long answered = System.nanoTime();
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put(SloMetrics.CHECKIN_PARSE, ms(parsed - started));
            figures.put(SloMetrics.CHECKIN_LOOKUP, ms(lookedUp - parsed));
            figures.put(SloMetrics.CHECKIN_PERSIST, ms(persisted - writing));
            figures.put(SloMetrics.CHECKIN_TOTAL, ms(answered - started));
            metrics.milliseconds(figures);
        }

        private static double ms(long nanos) {
            return nanos / 1_000_000.0;
        }
    }

    /**
     * Who calls the door, with the one check that may still be under way: a kiosk's nonce (SPEC §4 check 6) is
     * written beside the route's first reads rather than before them. {@link #confirm()} waits for it; it must run
     * before any write and before any answer, refusals included, so a replay is refused before anything else.
     */
    private record Caller(Principal principal, SignedRequestVerifier.Verified signed) {

        void confirm() {
            if (signed != null) {
                signed.confirm();
            }
        }

        /** For routes that write straight away: the nonce first, then check 7. */
        Principal confirmed() {
            confirm();
            requireKiosk();
            return principal;
        }

        /** Check 7: screen keys cannot act at the door. */
        private void requireKiosk() {
            if (principal instanceof Principal.Device) {
                Access.requireAnyRole(principal, Role.KIOSK);
            }
        }

        ApiResponse answer(Function<Caller, ApiResponse> route) {
            ApiResponse response;
            try {
                requireKiosk();
                response = route.apply(this);
            } catch (RuntimeException refused) {
                confirm();
                throw refused;
            }
            confirm();
            return response;
        }
    }

    /**
     * The door's routes are open at the gateway because kiosks sign instead of carrying a JWT: a request with
     * signature headers is a kiosk (SPEC §4, checks 1–6 in the verifier, check 7 in {@link Caller#answer}); one
     * with a bearer token is a person, verified here as the gateway's authorizer would.
     */
    private Caller caller(ApiRequest request) {
        var authorization = request.header("authorization");
        if (request.header(SignatureHeaders.KEY).isEmpty() && authorization.isPresent()) {
            if (request.body().length > MAX_BODY_BYTES) {
                throw new ApiException(Reason.PAYLOAD_TOO_LARGE, "Body larger than " + MAX_BODY_BYTES + " bytes");
            }
            Principal.User user = tokens.verify(authorization.get().replaceFirst("(?i)^bearer\\s+", ""));
            Logs.tenant(user.tenantId());
            Access.requireAnyRole(user, Role.ADMIN, Role.OPS, Role.STAFF);
            return new Caller(user, null);
        }
        SignedRequestVerifier.Verified signed = verifier.verify(request, MAX_BODY_BYTES, NONCES);
        Logs.tenant(signed.device().tenantId());
        return new Caller(signed.device(), signed);
    }

    private static String eventOf(ApiRequest request, Principal principal) {
        String eventId = request.pathParameter("eventId");
        Access.requireEvent(principal, eventId);
        Logs.eventId(eventId);
        return eventId;
    }
}
