package io.seatpilot.checkin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatpilot.core.auth.Access;
import io.seatpilot.core.auth.Caller;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.checkin.Actor;
import io.seatpilot.core.checkin.CheckinRequest;
import io.seatpilot.core.checkin.CheckinResult;
import io.seatpilot.core.checkin.Checkins;
import io.seatpilot.core.checkin.DoorCard;
import io.seatpilot.core.checkin.DoorRules;
import io.seatpilot.core.checkin.EventContexts;
import io.seatpilot.core.checkin.HouseholdAnswer;
import io.seatpilot.core.checkin.Identity;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.JsonBodies;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.i18n.Languages;
import io.seatpilot.core.i18n.Messages;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.observability.SloMetrics;
import io.seatpilot.core.ratelimit.RateLimit;
import io.seatpilot.core.ratelimit.RateLimiter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The door's check-in (SPEC §7: {@code POST /v1/events/{eventId}/checkins}), for signed kiosks and staff with a
 * JWT. A class of its own so that the function's SnapStart primer runs this very route — on the door's real stores
 * over clients that answer offline ({@link CheckinPrimer}) — and a restored instance's first scan meets no code
 * the snapshot has not run.
 */
final class ScanRoute {

    private static final Set<String> CHECKIN_FIELDS = Set.of("checkin_id", "pass", "guest_id", "household_pass",
            "guest_ids", "mode", "scanned_at", "session_id", "tenant_id", "code", "stop_id");

    private final Callers.SignedRequests verifier;
    private final Callers.BearerTokens people;
    private final Checkins checkins;
    private final EventContexts contexts;
    private final RateLimiter rateLimiter;
    private final Metrics metrics;
    private final Clock clock;

    ScanRoute(Callers.SignedRequests verifier, Callers.BearerTokens people, Checkins checkins, EventContexts contexts,
              RateLimiter rateLimiter, Metrics metrics, Clock clock) {
        this.verifier = verifier;
        this.people = people;
        this.checkins = checkins;
        this.contexts = contexts;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.clock = clock;
    }

    ApiResponse checkIn(ApiRequest request) {
        Stages stages = new Stages(System.nanoTime());
        var early = new AtomicReference<>(ReadAhead.NONE);
        ApiResponse response = CheckinHandler.caller(request, verifier, people, device -> readBeside(request, device, early))
                .answer(door -> checkIn(request, door, stages, early.get()));
        stages.publish(metrics);
        return response;
    }

    /**
     * {@code door.confirm()} and the rate limit's admission are awaited once the reads are done, just before the
     * check-in's one transaction: a lease this instance must take from the store (its first scan of the key in a
     * window: after a restore, every key's) is taken beside the reads rather than before them. A request over the
     * limit still answers 429 and writes nothing — the admission is awaited before any refusal of its own leaves.
     */
    private ApiResponse checkIn(ApiRequest request, Caller door, Stages stages, ReadAhead early) {
        String eventId = door.event(request);
        RateLimiter.Admission admitted = rateLimiter.acquireBeside(RateLimit.CHECKIN, door.principal());
        CheckinResult result;
        try {
            ObjectNode body = early.body() != null ? early.body() : JsonBodies.object(request, CHECKIN_FIELDS);
            CheckinRequest checkin = checkinOf(request, eventId, door.principal(), body);
            stages.parsed();
            Runnable beforeWrite = () -> {
                stages.lookedUp();
                door.confirm();
                admitted.await();
                stages.writing();
            };
            Actor actor = CheckinHandler.actor(door.principal(), body.get("stop_id"));
            result = checkin.identity() instanceof Identity.ByCode
                    ? checkInByCode(door, actor, checkin, admitted, beforeWrite)
                    : checkins.checkIn(actor, checkin, true, beforeWrite, early.party());
        } catch (RuntimeException refused) {
            admitted.await();
            throw refused;
        }
        // the rules await it before the claim; an answer that needed no claim is admitted all the same
        admitted.await();
        stages.persisted();
        metrics.count("Checkins", 1, "outcome", result.getClass().getSimpleName());
        return switch (result) {
            case CheckinResult.Created created -> ApiResponse.json(201, inLanguage(created.answer(), request, door, eventId));
            case CheckinResult.Repeated repeated -> ApiResponse.json(200, inLanguage(repeated.answer(), request, door, eventId));
            case CheckinResult.AlreadyCheckedIn already -> {
                ObjectNode problem = (ObjectNode) Json.tree(Problem.of(Reason.ALREADY_CHECKED_IN,
                        "This guest was checked in by another scan"));
                problem.set("first_checkin", Json.tree(already.first()));
                yield new ApiResponse(409, Problem.CONTENT_TYPE, problem.toString());
            }
        };
    }

    /** The scan a check-in's body describes, for a caller of the tenant it names. */
    private CheckinRequest checkinOf(ApiRequest request, String eventId, Principal caller, ObjectNode body) {
        Access.requireSameTenant(caller, body.path("tenant_id").asText(null));
        return CheckinRequest.online(eventId, body, clock.millis());
    }

    /**
     * The card's direction in the door's language (SPEC §15): the kiosk's {@code ?lang=} or {@code Accept-Language},
     * else the event's {@code default_locale} (read from the cached event context only when the request says nothing).
     */
    private Object inLanguage(Object answer, ApiRequest request, Caller door, String eventId) {
        Messages messages = Messages.of(Languages.resolve(request.queryParameter("lang").orElse(null),
                request.header("accept-language").orElse(null),
                () -> contexts.require(door.principal().tenantId(), eventId).definition().defaultLocale()));
        return switch (answer) {
            case DoorCard card -> card.in(messages);
            case HouseholdAnswer household -> household.in(messages);
            default -> answer;
        };
    }

    /**
     * Wrong short codes have their own budget (SPEC §14: 10 a minute per device key or user): a caller over it is
     * refused before its code is even looked up, so guessing stops for right and wrong codes alike; only an
     * unknown code spends from it.
     */
    private CheckinResult checkInByCode(Caller door, Actor actor, CheckinRequest checkin, RateLimiter.Admission admitted,
                                        Runnable beforeWrite) {
        rateLimiter.requireUnspent(RateLimit.WRONG_CODE, door.principal());
        try {
            return checkins.checkIn(actor, checkin, true, beforeWrite);
        } catch (ApiException refused) {
            if (Reason.PASS_UNKNOWN.code().equals(refused.problem().reason())) {
                // a request over the check-in limit is refused as such, and spends nothing more
                admitted.await();
                metrics.count("WrongShortCodes", 1);
                rateLimiter.acquire(RateLimit.WRONG_CODE, door.principal());
            }
            throw refused;
        }
    }

    /**
     * A scan's reads beside its kiosk's secret rather than after the signature, once the key record is read and
     * names a kiosk of this event (an unknown key reads nothing): the event's view — a restored or idle instance holds
     * none; a busy one finds it held, and this costs nothing; it is read at most once per {@link EventContexts#TTL}
     * per instance whoever asks — and the party the body's pass names ({@link Checkins#readAhead}: the pass, then
     * its guest and household), so a restored instance's first scan waits for KMS and for the pass side by side
     * instead of one after the other. The party is read only for a body that parses and names the key's own tenant,
     * and not for a key this instance already saw over its check-in limit (that request is refused before it
     * reads). What is read is used only once the signature verified: a refused request drops it unread, and
     * answers, writes and logs as it did without it.
     */
    private void readBeside(ApiRequest request, Principal.Device device,
                            AtomicReference<ReadAhead> early) {
        String eventId = request.pathParameter("eventId");
        if (eventId == null || !device.hasAnyRole(Role.KIOSK) || !device.mayTouchEvent(eventId)) {
            return;
        }
        contexts.prefetch(device.tenantId(), eventId);
        if (rateLimiter.knownSpent(RateLimit.CHECKIN, device)) {
            return;
        }
        ObjectNode body;
        CheckinRequest checkin;
        try {
            body = JsonBodies.object(request, CHECKIN_FIELDS);
            checkin = checkinOf(request, eventId, device, body);
        } catch (RuntimeException unread) {
            // refused again, in its turn, once the caller is verified
            return;
        }
        early.set(new ReadAhead(body, checkins.readAhead(device.tenantId(), checkin).orElse(null)));
    }

    /**
     * What a scan read before its caller was verified: its body, parsed once for both, and the party it names
     * (null when the identification is not a pass). Both wait for the signature to be used.
     */
    private record ReadAhead(ObjectNode body, DoorRules.EarlyParty party) {
        static final ReadAhead NONE = new ReadAhead(null, null);
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
}
