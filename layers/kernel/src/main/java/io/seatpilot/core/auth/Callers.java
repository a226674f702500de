package io.seatpilot.core.auth;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.observability.Logs;
import io.seatpilot.core.store.Ids;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Who calls a route (SPEC §3, §4), the one way every handler learns it: a person from the claims the gateway's JWT
 * authorizer verified ({@link #person}), or — on routes open at the gateway because devices sign instead of
 * carrying a JWT — a signed device or a person whose bearer token is verified here ({@link #signedOrBearer}); on
 * routes only devices call, a signed device alone ({@link #device}); on the Ops Live socket's {@code $connect}, a
 * screen's signed key or a person's token in the query string ({@link #connecting}). {@link #event} then names the
 * event of the path, checked against the credential's events. The tenant is always the credential's, and is logged
 * as soon as it is known. Nothing else verifies a signature or a token (see the architecture rules).
 */
public final class Callers {

    /** Nonce writes (SPEC §4 check 6) run on virtual threads beside the route's first reads. */
    private static final Executor NONCES = Executors.newVirtualThreadPerTaskExecutor();
    private static final Role[] PEOPLE = {Role.ADMIN, Role.PLANNER, Role.OPS, Role.STAFF, Role.VIEWER};

    /** The function's verifier of signed requests (SPEC §4). */
    public interface SignedRequests {

        /** Whether the request names a device key, so it is a device's whether or not its signature verifies. */
        boolean isSigned(ApiRequest request);

        /** Checks 1–6 on a signed request, its nonce recorded before this returns. */
        Principal.Device verify(ApiRequest request, int maxBodyBytes);

        /**
         * Checks 1–5 on a signed request; its nonce (check 6) is recorded on {@code nonceWriter} meanwhile.
         * {@code keyRead} is told the device a usable key record names as soon as that record is read, before the
         * signature is checked (so before the key's secret is derived): it may start reads the route will need, never
         * answer or write, and must not block.
         */
        SignedDevice verify(ApiRequest request, int maxBodyBytes, Executor nonceWriter, Consumer<Principal.Device> keyRead);
    }

    /** A device whose request passed checks 1–5; {@link #confirm()} waits for check 6 and refuses a replay. */
    public interface SignedDevice {
        Principal.Device device();

        Principal.Device confirm();
    }

    /** Verifies a person's bearer token as the gateway's authorizer would. */
    @FunctionalInterface
    public interface BearerTokens {
        Principal.User verify(String token);
    }

    private Callers() {
    }

    /** The person of a JWT route, already verified by the gateway's authorizer, holding one of {@code roles}. */
    public static Principal.User person(ApiRequest request, Role... roles) {
        Principal.User user = JwtClaims.toPrincipal(request.claims());
        Logs.tenant(user.tenantId());
        Access.requireAnyRole(user, roles);
        return user;
    }

    /** A person in any of SPEC §3's people's roles: every one of them may read an event's Ops Live views. */
    public static Principal.User anyPerson(ApiRequest request) {
        return person(request, PEOPLE);
    }

    /**
     * The event the path names, for {@code principal}: an id that cannot exist answers 404 not_found (no hint about
     * the id's rules), an event outside the credential's events 403 forbidden. The event id is logged.
     */
    public static String event(ApiRequest request, Principal principal) {
        String eventId = Ids.requireEvent(request.pathParameter("eventId"));
        Access.requireEvent(principal, eventId);
        Logs.eventId(eventId);
        return eventId;
    }

    /**
     * The caller of a route that devices sign and people call with a bearer token (the door). A request with
     * signature headers, or without any authorization, is a device: checks 1–6 of SPEC §4 in {@code devices}, check
     * 7 ({@code deviceRoles}) once its nonce is confirmed (see {@link Caller}). One with only a bearer token is a
     * person holding one of {@code personRoles}; its body is held to the same bound before the token is read.
     */
    public static Caller signedOrBearer(ApiRequest request, int maxBodyBytes, SignedRequests devices, BearerTokens people,
                                        Set<Role> deviceRoles, Role... personRoles) {
        return signedOrBearer(request, maxBodyBytes, devices, people, deviceRoles, device -> { }, personRoles);
    }

    /**
     * As {@link #signedOrBearer(ApiRequest, int, SignedRequests, BearerTokens, Set, Role...)}, telling
     * {@code whileVerifying} of a device as soon as its key record is read, while its secret is derived and its
     * signature checked (see {@link SignedRequests#verify(ApiRequest, int, Executor, Consumer)}): a route may start
     * the reads it will make anyway, for the events that key covers. A person's token is verified without I/O.
     */
    public static Caller signedOrBearer(ApiRequest request, int maxBodyBytes, SignedRequests devices, BearerTokens people,
                                        Set<Role> deviceRoles, Consumer<Principal.Device> whileVerifying,
                                        Role... personRoles) {
        var authorization = request.header("authorization");
        if (!devices.isSigned(request) && authorization.isPresent()) {
            if (request.body().length > maxBodyBytes) {
                throw new ApiException(Reason.PAYLOAD_TOO_LARGE, "Body larger than " + maxBodyBytes + " bytes");
            }
            return new Caller(bearer(authorization.get().replaceFirst("(?i)^bearer\\s+", ""), people, personRoles),
                    null, deviceRoles);
        }
        SignedDevice signed = devices.verify(request, maxBodyBytes, NONCES, whileVerifying);
        Logs.tenant(signed.device().tenantId());
        return new Caller(signed.device(), signed, deviceRoles);
    }

    /**
     * The device of a route that only devices call (telemetry ingest): checks 1–6 of SPEC §4, the nonce recorded
     * before this returns (this runs for every envelope sent, issue 16), then check 7 ({@code roles}). A person's
     * bearer token is no credential here: without signature headers the request is refused by check 2.
     */
    public static Principal.Device device(ApiRequest request, int maxBodyBytes, SignedRequests devices, Role... roles) {
        Principal.Device device = devices.verify(request, maxBodyBytes);
        Logs.tenant(device.tenantId());
        Access.requireAnyRole(device, roles);
        return device;
    }

    /**
     * As {@link #device(ApiRequest, int, SignedRequests, Role...)}, telling {@code whileConfirming} of a device whose
     * signature verified (checks 1–5) and that holds one of {@code roles}, while its nonce is written (check 6): a
     * route may start there what it does next for a verified caller, such as taking a rate-limit lease, instead of
     * after the nonce's write. It must not answer or block. Refusals come as before: a replay is still 401, a device
     * of another role 403.
     */
    public static Principal.Device device(ApiRequest request, int maxBodyBytes, SignedRequests devices,
                                          Consumer<Principal.Device> whileConfirming, Role... roles) {
        SignedDevice signed = devices.verify(request, maxBodyBytes, NONCES, device -> { });
        Logs.tenant(signed.device().tenantId());
        if (signed.device().hasAnyRole(roles)) {
            whileConfirming.accept(signed.device());
        }
        Principal.Device device = signed.confirm();
        Access.requireAnyRole(device, roles);
        return device;
    }

    /**
     * The caller of the Ops Live socket's {@code $connect} (SPEC §11). A browser cannot set headers on a socket, so
     * the credential is in the query string, which {@code request} carries as both its query and its headers: a
     * device's signed key (x-key, x-ts, x-nonce, x-sig over {@code GET|/|x-ts|x-nonce|}, no body) passes checks 1–6
     * and then holds one of {@code deviceRoles}; otherwise the parameter {@code token} is a person's JWT, verified
     * here (the gateway has no authorizer on {@code $connect}), holding one of {@code personRoles}.
     */
    public static Principal connecting(ApiRequest request, SignedRequests devices, BearerTokens people,
                                       Set<Role> deviceRoles, Role... personRoles) {
        if (devices.isSigned(request)) {
            return device(request, 0, devices, deviceRoles.toArray(Role[]::new));
        }
        return bearer(request.queryParameter("token").orElse(null), people, personRoles);
    }

    private static Principal.User bearer(String token, BearerTokens people, Role... roles) {
        Principal.User user = people.verify(token);
        Logs.tenant(user.tenantId());
        Access.requireAnyRole(user, roles);
        return user;
    }
}
