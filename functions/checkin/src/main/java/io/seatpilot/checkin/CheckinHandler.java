package io.seatpilot.checkin;

import io.seatpilot.core.wiring.Platform;
import io.seatpilot.core.devices.DeviceWiring;
import io.seatpilot.core.event.EventWiring;
import io.seatpilot.core.checkin.DoorWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.auth.Access;
import io.seatpilot.core.auth.Caller;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.tokens.TokenVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.checkin.Actor;
import io.seatpilot.core.checkin.CheckinResult;
import io.seatpilot.core.checkin.Checkins;
import io.seatpilot.core.checkin.CheckoutRequest;
import io.seatpilot.core.checkin.DoorLookups;
import io.seatpilot.core.checkin.Identity;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.doorlist.DoorList;
import io.seatpilot.core.doorlist.DoorLists;
import io.seatpilot.core.http.EntityTags;
import io.seatpilot.core.event.PassCalendar;
import io.seatpilot.core.auth.PassTokens;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.i18n.Messages;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.HttpRoutes;
import io.seatpilot.core.http.JsonBodies;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.checkin.DayOfSeating;
import io.seatpilot.core.ratelimit.RateLimit;
import io.seatpilot.core.ratelimit.RateLimiter;
import io.seatpilot.core.observability.Logs;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.observability.SloMetrics;
import io.seatpilot.core.signing.SignedRequestVerifier;
import io.seatpilot.core.snapstart.Priming;
import io.seatpilot.core.store.Ids;
import io.seatpilot.core.telemetry.UploadRefusals;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The door (SPEC §7, §17): check-in (and re-entry), check-out, undo, name search and arrivals for signed kiosks and
 * for staff with a JWT, and the guest's own pass view, whose token is its only credential; and on the day walk-ins
 * at the door and re-seats by ops, which change the plan this function answers with.
 */
public final class CheckinHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> CHECKOUT_FIELDS = Set.of("checkout_id", "pass", "guest_id", "code", "scanned_at",
            "tenant_id", "stop_id");
    private static final Set<String> ARRIVAL_FIELDS = Set.of("guest_id", "pass", "table_id", "confirm_mode",
            "arrived_at", "session_id", "tenant_id");
    private static final Set<String> WALKIN_FIELDS = Set.of("walkin_id", "first_name", "last_name", "companions", "table_id",
            "tags", "tenant_id", "stop_id");
    private static final Set<String> PERSON_FIELDS = Set.of("first_name", "last_name", "tags");
    private static final Set<String> RESEAT_FIELDS = Set.of("guest_id", "to_table_id", "reason_code");
    /** A name as the door types it: 1–100 characters, no control characters (it lands in the guest's item). */
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");
    private static final Set<String> WALKIN_TAGS = Set.of("vip", "pmr", "child");
    /** A walk-in is a party at the door: far more than a table's worth of companions is not a walk-in. */
    private static final int MAX_COMPANIONS = 11;

    private final SignedRequestVerifier verifier;
    private final TokenVerifier tokens;
    private final Checkins checkins;
    private final UploadRefusals uploadRefusals;
    private final DoorLookups lookups;
    private final DoorLists doorLists;
    private final DayOfSeating dayOf;
    private final Metrics metrics;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final ScanRoute scans;
    private final HttpRoutes routes;

    public CheckinHandler() {
        this(System.getenv());
    }

    public CheckinHandler(Map<String, String> environment) {
        this(new Platform(new Env(environment), Clock.systemUTC()));
    }

    /** Lets the local stack and tests run the door on another clock (e.g. to pass the undo window). */
    public CheckinHandler(Platform platform) {
        DoorWiring door = new DoorWiring(new EventWiring(platform));
        DeviceWiring devices = new DeviceWiring(platform);
        this.verifier = devices.doorRequestVerifier();
        this.tokens = TokenVerifier.fromEnvironment(platform.env(), platform.clients());
        this.checkins = door.checkins();
        this.uploadRefusals = door.uploadRefusals();
        this.lookups = door.doorLookups();
        this.doorLists = door.doorLists();
        this.dayOf = door.dayOfSeating();
        this.metrics = platform.metrics();
        this.clock = platform.clock();
        this.rateLimiter = platform.rateLimiter();
        this.scans = new ScanRoute(verifier, tokens::verify, checkins, door.eventContexts(), rateLimiter, metrics, clock);
        this.routes = HttpRoutes.builder()
                .route("POST /v1/events/{eventId}/checkins", scans::checkIn)
                .route("GET /v1/events/{eventId}/checkins", this::counting)
                .route("POST /v1/events/{eventId}/checkins/{checkinId}/undo", this::undo)
                .route("POST /v1/events/{eventId}/checkouts", this::checkOut)
                .route("GET /v1/events/{eventId}/guests/search", this::search)
                .route("POST /v1/events/{eventId}/arrivals", this::arrive)
                .route("GET /v1/passes/{token}", this::passView)
                .route("GET /v1/events/{eventId}/doorlist", this::doorList)
                .route("GET /p/{token}", this::passPage)
                .route("GET /p/{token}/event.ics", this::passCalendar)
                .route("POST /v1/events/{eventId}/walkins", this::walkIn)
                .route("POST /v1/events/{eventId}/reseats", this::reseat)
                .build();
        devices.restoreCall(platform.restoreCalls());
        Priming.register(platform.hooks(), new CheckinPrimer(this, platform.env()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context);
    }

    /**
     * The door's actor at the stop it checks guests in at (SPEC §16): a kiosk's stop comes from its registration, and
     * staff may name one ({@code stop_id}); a kiosk naming another stop than its own is refused, since a kiosk is
     * moved by an admin, not by its requests.
     */
    static Actor actor(Principal principal, JsonNode stopId) {
        Actor actor = Actor.of(principal);
        if (stopId == null || stopId.isNull()) {
            return actor;
        }
        if (!stopId.isTextual() || !Ids.isItem(stopId.asText())) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "stop_id", "stop_id must be a stop id");
        }
        if (actor.stopId() != null && !actor.stopId().equals(stopId.asText())) {
            throw new ApiException(Reason.FORBIDDEN, "This kiosk is set to stop " + actor.stopId());
        }
        return actor.atStop(stopId.asText());
    }

    /**
     * {@code ?guest_ids=a,b,…} (1–100) → {@code {"checkins":[{"guest_id","checkin_id","checked_in_at","device_id"}]}}:
     * the check-ins that count for those guests. With {@code &checkin_ids=…} (1–100 of the door's uploaded scans) the
     * answer also has {@code "refused":[{"checkin_id","reason","stop_id","received_at"}]}: those the worker would not
     * apply (a kiosk learns of its own only). Read-only; it spends from the name-search budget, the door's other read.
     */
    private ApiResponse counting(ApiRequest request) {
        return caller(request).answer(door -> {
            String eventId = door.event(request);
            rateLimiter.acquire(RateLimit.NAME_SEARCH, door.principal());
            List<Map<String, Object>> counting = new ArrayList<>();
            // the stop asked for (staff), else the kiosk's own
            String stop = request.queryParameter("stop").orElse(Actor.of(door.principal()).stopId());
            var held = checkins.counting(door.principal().tenantId(), eventId, stop, request.queryParameter("guest_ids").orElse(""));
            held.forEach((guestId, first) -> {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("guest_id", guestId);
                answer.put("checkin_id", first.checkinId());
                answer.put("checked_in_at", first.checkedInAt());
                answer.put("device_id", first.deviceId());
                counting.add(answer);
            });
            var asked = request.queryParameter("checkin_ids");
            if (asked.isEmpty()) {
                return ApiResponse.json(200, Map.of("checkins", counting));
            }
            String ownDevice = door.principal() instanceof Principal.Device device ? device.deviceId() : null;
            var refused = uploadRefusals.of(door.principal().tenantId(), eventId, ownDevice, asked.get(), "checkin_ids").stream()
                    .map(refusal -> {
                        Map<String, Object> answer = new LinkedHashMap<>();
                        answer.put("checkin_id", refusal.eventId());
                        answer.put("reason", refusal.reason());
                        if (refusal.stopId() != null) {
                            answer.put("stop_id", refusal.stopId());
                        }
                        answer.put("received_at", refusal.receivedAt());
                        return answer;
                    }).toList();
            return ApiResponse.json(200, Map.of("checkins", counting, "refused", refused));
        });
    }

    /**
     * Same credentials and budget as a check-in (a door scan either way); a short code spends from the wrong-code
     * budget like a check-in's.
     */
    private ApiResponse checkOut(ApiRequest request) {
        return caller(request).answer(door -> {
            String eventId = door.event(request);
            rateLimiter.acquire(RateLimit.CHECKIN, door.principal());
            ObjectNode body = JsonBodies.object(request, CHECKOUT_FIELDS);
            Access.requireSameTenant(door.principal(), body.path("tenant_id").asText(null));
            CheckoutRequest checkout = CheckoutRequest.online(eventId, body, clock.millis());
            boolean byCode = checkout.identity() instanceof Identity.ByCode;
            if (byCode) {
                rateLimiter.requireUnspent(RateLimit.WRONG_CODE, door.principal());
            }
            Checkins.Checkout done;
            try {
                done = checkins.checkOut(actor(door.principal(), body.get("stop_id")), checkout, true, door::confirm);
            } catch (ApiException refused) {
                if (byCode && Reason.PASS_UNKNOWN.code().equals(refused.problem().reason())) {
                    metrics.count("WrongShortCodes", 1);
                    rateLimiter.acquire(RateLimit.WRONG_CODE, door.principal());
                }
                throw refused;
            }
            metrics.count("Checkouts", 1, "outcome", done.repeated() ? "Repeated" : "Created");
            return ApiResponse.json(done.repeated() ? 200 : 201, done);
        });
    }


    private ApiResponse undo(ApiRequest request) {
        Principal door = caller(request).confirmed();
        String eventId = Callers.event(request, door);
        String checkinId = request.pathParameter("checkinId");
        if (!Ids.isUuid(checkinId)) {
            throw new ApiException(Reason.NOT_FOUND, "No such check-in");
        }
        var undone = checkins.undo(Actor.of(door), eventId, checkinId, clock.millis(), true);
        return ApiResponse.json(undone.repeated() ? 200 : 201, Map.of("checkin_id", undone.checkinId(),
                "guest_ids", undone.guestIds(), "undone_at", undone.undoneAt(), "status", "undone"));
    }

    /** Read-only: the lookup runs beside the nonce's write, and the answer waits for both. */
    private ApiResponse search(ApiRequest request) {
        return caller(request).answer(door -> {
            String eventId = door.event(request);
            rateLimiter.acquire(RateLimit.NAME_SEARCH, door.principal());
            var guests = lookups.search(door.principal().tenantId(), eventId, request.queryParameter("q").orElse(""));
            metrics.share(SloMetrics.NAME_SEARCH_NOT_FOUND, guests.isEmpty());
            return ApiResponse.json(200, Map.of("guests", guests));
        });
    }

    private ApiResponse arrive(ApiRequest request) {
        Principal door = caller(request).confirmed();
        String eventId = Callers.event(request, door);
        ObjectNode body = JsonBodies.object(request, ARRIVAL_FIELDS);
        Access.requireSameTenant(door, body.path("tenant_id").asText(null));
        var answer = checkins.arrive(Actor.of(door), Checkins.ArrivalRequest.online(eventId, body, clock.millis()), true);
        return ApiResponse.json(answer.repeated() ? 200 : 201, answer);
    }

    /** SPEC §17: create, seat and check in, in one call; the same credentials and rate limit as a check-in. */
    private ApiResponse walkIn(ApiRequest request) {
        Principal door = caller(request).confirmed();
        String eventId = Callers.event(request, door);
        rateLimiter.acquire(RateLimit.CHECKIN, door);
        ObjectNode body = JsonBodies.object(request, WALKIN_FIELDS);
        Access.requireSameTenant(door, body.path("tenant_id").asText(null));
        List<DayOfSeating.Person> companions = new ArrayList<>();
        JsonNode given = body.get("companions");
        if (given != null && !given.isNull()) {
            if (!given.isArray() || given.size() > MAX_COMPANIONS) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "companions",
                        "companions must be a list of at most " + MAX_COMPANIONS + " {first_name, last_name?, tags?}");
            }
            for (JsonNode companion : given) {
                if (!(companion instanceof ObjectNode person)) {
                    throw ApiException.field(Reason.VALIDATION_FAILED, "companions", "each companion is an object");
                }
                person.fieldNames().forEachRemaining(name -> {
                    if (!PERSON_FIELDS.contains(name)) {
                        throw ApiException.field(Reason.VALIDATION_FAILED, "companions", "Unknown companion field " + name);
                    }
                });
                companions.add(person(person));
            }
        }
        String tableId = body.hasNonNull("table_id") ? JsonBodies.requiredText(body, "table_id", Ids.ITEM) : null;
        var walkIn = new DayOfSeating.WalkIn(JsonBodies.requiredText(body, "walkin_id", Ids.UUID).toLowerCase(java.util.Locale.ROOT),
                person(body), companions, tableId);
        CheckinResult result = dayOf.walkIn(actor(door, body.get("stop_id")), eventId, walkIn);
        metrics.count("WalkIns", 1, "outcome", result.getClass().getSimpleName());
        return switch (result) {
            case CheckinResult.Created created -> ApiResponse.json(201, created.answer());
            case CheckinResult.Repeated repeated -> ApiResponse.json(200, repeated.answer());
            // the guests are new and named by this walk-in's id: only this walk-in can have checked them in
            case CheckinResult.AlreadyCheckedIn already -> throw new ApiException(Reason.ALREADY_CHECKED_IN,
                    "This walk-in was checked in by another request");
        };
    }

    private static DayOfSeating.Person person(ObjectNode node) {
        String first = JsonBodies.requiredText(node, "first_name", NAME).strip();
        String last = node.hasNonNull("last_name") ? JsonBodies.requiredText(node, "last_name", NAME).strip() : null;
        Set<String> tags = new java.util.HashSet<>();
        JsonNode given = node.get("tags");
        if (given != null && !given.isNull()) {
            if (!given.isArray() || given.size() > WALKIN_TAGS.size()) {
                throw ApiException.field(Reason.VALIDATION_FAILED, "tags", "tags is a list of vip, pmr, child");
            }
            for (JsonNode tag : given) {
                if (!tag.isTextual() || !WALKIN_TAGS.contains(tag.asText())) {
                    throw ApiException.field(Reason.VALIDATION_FAILED, "tags", "tags is a list of vip, pmr, child");
                }
                tags.add(tag.asText());
            }
        }
        if (first.isEmpty()) {
            throw ApiException.field(Reason.VALIDATION_FAILED, "first_name", "first_name must hold a name");
        }
        return new DayOfSeating.Person(first, last == null || last.isEmpty() ? null : last, tags);
    }

    /** SPEC §17: ops, planners and admins move a guest on the published plan (a JWT route at the gateway). */
    private ApiResponse reseat(ApiRequest request) {
        Principal.User user = Callers.person(request, Role.ADMIN, Role.OPS, Role.PLANNER);
        String eventId = Callers.event(request, user);
        ObjectNode body = JsonBodies.object(request, RESEAT_FIELDS, MAX_BODY_BYTES);
        String reason = JsonBodies.requiredText(body, "reason_code", Pattern.compile("[a-z_]{1,32}"));
        if (!DayOfSeating.RESEAT_REASONS.contains(reason)) {
            throw ApiException.field(Reason.INVALID_ENUM, "reason_code", "reason_code is one of "
                    + String.join(", ", new java.util.TreeSet<>(DayOfSeating.RESEAT_REASONS)));
        }
        var reseated = dayOf.reseat(user.tenantId(), user.actorId(), eventId, new DayOfSeating.Reseat(
                JsonBodies.requiredText(body, "guest_id", Ids.ITEM), JsonBodies.requiredText(body, "to_table_id", Ids.ITEM), reason));
        metrics.count("Reseats", 1, "reason", reason);
        return ApiResponse.json(200, reseated);
    }

    private ApiResponse passView(ApiRequest request) {
        String token = request.pathParameter("token");
        if (!Ids.PASS.matcher(token).matches()) {
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
                    request.header("accept-language").orElse(null), () -> null));
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
        if (!Ids.PASS.matcher(token).matches()) {
            throw new ApiException(Reason.PASS_UNKNOWN, "Pass unknown");
        }
        DoorLookups.GuestPass pass = lookups.guestPass(token);
        Logs.tenant(PassTokens.tenantOf(token).orElseThrow());
        return pass;
    }

    private static Messages messagesFor(ApiRequest request, DoorLookups.GuestPass pass) {
        return Messages.of(Languages.resolve(request.queryParameter("lang").orElse(null),
                request.header("accept-language").orElse(null), pass.event()::defaultLocale));
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
     * {@code 304} to its ETag without a body, and without being built: its version is read on its own first; a list
     * is sent gzipped to clients that accept it (3 000 guests shrink about fivefold).
     */
    private ApiResponse doorList(ApiRequest request) {
        return caller(request).answer(door -> {
            String tenant = door.principal().tenantId();
            String event = door.event(request);
            // a kiosk works offline at the stop it is set to; staff pick theirs with ?stop= (else the first)
            String stop = request.queryParameter("stop").orElse(Actor.of(door.principal()).stopId());
            var unchanged = doorLists.version(tenant, event, stop).map(DoorList::etag).filter(etag -> notModified(request, etag));
            if (unchanged.isPresent()) {
                return new ApiResponse(304, null, null, doorListHeaders(unchanged.get()));
            }
            DoorList list = doorLists.build(tenant, event, stop, clock.millis());
            Map<String, String> headers = doorListHeaders(list.etag());
            if (notModified(request, list.etag())) {
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

    private static boolean notModified(ApiRequest request, String etag) {
        return request.header("if-none-match").map(tags -> EntityTags.matches(tags, etag)).orElse(false);
    }

    private static Map<String, String> doorListHeaders(String etag) {
        return Map.of("etag", etag, "cache-control", "private, no-cache", "vary", "accept-encoding, authorization");
    }

    /**
     * The door's routes are open at the gateway because kiosks sign instead of carrying a JWT: a signed request is a
     * kiosk (SPEC §4; screen keys cannot act at the door), one with a bearer token a person, verified here as the
     * gateway's authorizer would.
     */
    private Caller caller(ApiRequest request) {
        return caller(request, verifier, tokens::verify, device -> { });
    }

    /** As {@link #caller(ApiRequest)}, telling {@code whileVerifying} of a kiosk once its key record is read. */
    static Caller caller(ApiRequest request, Callers.SignedRequests devices, Callers.BearerTokens people,
                         java.util.function.Consumer<Principal.Device> whileVerifying) {
        return Callers.signedOrBearer(request, MAX_BODY_BYTES, devices, people, Set.of(Role.KIOSK),
                whileVerifying, Role.ADMIN, Role.OPS, Role.STAFF);
    }
}
