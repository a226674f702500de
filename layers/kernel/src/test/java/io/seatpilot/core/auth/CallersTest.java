package io.seatpilot.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The one way handlers learn their caller: roles, event scope, and a device's nonce confirmed before any answer. */
class CallersTest {

    private static final Principal.User STAFF = new Principal.User("s1", "acme", Set.of(Role.STAFF), Set.of());
    private static final Principal.Device KIOSK = new Principal.Device("acme.k1", "door-1", "acme", Role.KIOSK, Set.of("gala-1"));
    private static final Principal.Device SCREEN = new Principal.Device("acme.s1", "wall-1", "acme", Role.SCREEN, Set.of());

    private final List<String> seen = new ArrayList<>();

    @Test
    void aPersonOfAJwtRouteNeedsOneOfTheRoles() {
        ApiRequest request = request(Map.of(), Map.of("sub", "u1", "tenant_id", "acme", "roles", "[viewer]"), "gala-1");
        assertEquals("u1", Callers.anyPerson(request).subject());
        assertReason(Reason.FORBIDDEN, () -> Callers.person(request, Role.ADMIN, Role.OPS));
    }

    @Test
    void theEventIsCheckedForShapeThenScope() {
        Principal.User scoped = new Principal.User("u1", "acme", Set.of(Role.OPS), Set.of("gala-1"));
        assertEquals("gala-1", Callers.event(request(Map.of(), Map.of(), "gala-1"), scoped));
        assertReason(Reason.FORBIDDEN, () -> Callers.event(request(Map.of(), Map.of(), "gala-2"), scoped));
        // an id that cannot exist is a missing event, for a scoped credential as for any other
        assertReason(Reason.NOT_FOUND, () -> Callers.event(request(Map.of(), Map.of(), "Gala#1"), scoped));
        assertReason(Reason.NOT_FOUND, () -> Callers.event(request(Map.of(), Map.of(), null), scoped));
    }

    @Test
    void aBearerTokenWithoutSignatureIsAPersonVerifiedHere() {
        Caller caller = door(request(Map.of("authorization", "Bearer t0k"), Map.of(), "gala-1"), KIOSK, () -> { });
        assertSame(STAFF, caller.principal());
        assertEquals(List.of("token t0k"), seen);
    }

    @Test
    void aPersonOfAnotherRoleIsRefusedBeforeTheRoute() {
        assertReason(Reason.FORBIDDEN, () -> Callers.signedOrBearer(request(Map.of("authorization", "Bearer t0k"), Map.of(), "gala-1"),
                1024, devices(KIOSK, () -> { }), token -> STAFF, Set.of(Role.KIOSK), Role.ADMIN));
    }

    @Test
    void aBearerBodyIsBoundedBeforeItsTokenIsRead() {
        ApiRequest large = new ApiRequest("POST /x", "POST", "/x", Map.of("authorization", "Bearer t0k"), new byte[1025],
                Map.of(), Map.of("eventId", "gala-1"), Map.of(), "r1");
        assertReason(Reason.PAYLOAD_TOO_LARGE, () -> door(large, KIOSK, () -> { }));
        assertTrue(seen.isEmpty(), "the token was verified: " + seen);
    }

    @Test
    void aSignedRequestIsADeviceWhoseNonceIsConfirmedBeforeTheAnswer() {
        Caller caller = door(signed(), KIOSK, () -> { });
        ApiResponse answer = caller.answer(door -> {
            seen.add("route " + door.event(signed()));
            return ApiResponse.json(200, Map.of());
        });
        assertEquals(200, answer.status());
        assertEquals(List.of("verify", "route gala-1", "confirm"), seen);
    }

    @Test
    void aReplayIsRefusedBeforeTheRoutesOwnRefusal() {
        Caller caller = door(signed(), KIOSK, () -> {
            throw new ApiException(Reason.REPLAY_DETECTED, "Nonce already used with this key");
        });
        assertReason(Reason.REPLAY_DETECTED, () -> caller.answer(door -> {
            throw new ApiException(Reason.VALIDATION_FAILED, "bad body");
        }));
        assertReason(Reason.REPLAY_DETECTED, caller::confirmed);
    }

    @Test
    void aDeviceOfAnotherRoleIsRefusedAfterItsNonce() {
        Caller screen = door(signed(), SCREEN, () -> { });
        assertReason(Reason.FORBIDDEN, () -> screen.answer(door -> {
            seen.add("route");
            return ApiResponse.json(200, Map.of());
        }));
        assertFalse(seen.contains("route"), "a screen key reached the route: " + seen);
        assertTrue(seen.contains("confirm"), "refused before its nonce was confirmed: " + seen);
        seen.clear();
        assertReason(Reason.FORBIDDEN, screen::confirmed);
        assertEquals(List.of("confirm"), seen);
    }

    @Test
    void aKioskOutsideItsEventsIsForbidden() {
        ApiRequest elsewhere = request(Map.of("x-key", "acme.k1"), Map.of(), "gala-2");
        Caller caller = door(elsewhere, KIOSK, () -> { });
        assertReason(Reason.FORBIDDEN, () -> caller.answer(door -> ApiResponse.json(200, Map.of("event", door.event(elsewhere)))));
    }

    @Test
    void aDeviceOnlyRouteConfirmsTheNonceThenTheRole() {
        assertSame(KIOSK, Callers.device(signed(), 1024, devices(KIOSK, () -> { }), Role.KIOSK));
        assertEquals(List.of("verify", "confirm"), seen);
        assertReason(Reason.FORBIDDEN, () -> Callers.device(signed(), 1024, devices(SCREEN, () -> { }), Role.KIOSK));
        assertReason(Reason.REPLAY_DETECTED, () -> Callers.device(signed(), 1024, devices(KIOSK, () -> {
            throw new ApiException(Reason.REPLAY_DETECTED, "Nonce already used with this key");
        }), Role.KIOSK));
    }

    @Test
    void aDeviceOnlyRouteStartsItsNextStepWhileTheNonceIsWrittenAndRefusesAsBefore() {
        assertSame(KIOSK, Callers.device(signed(), 1024, devices(KIOSK, () -> { }), device -> seen.add("beside " + device.keyId()),
                Role.KIOSK));
        assertEquals(List.of("verify", "beside " + KIOSK.keyId(), "confirm"), seen);

        seen.clear();
        assertReason(Reason.FORBIDDEN, () -> Callers.device(signed(), 1024, devices(SCREEN, () -> { }),
                device -> seen.add("beside"), Role.KIOSK));
        assertEquals(List.of("verify", "confirm"), seen, "a device of another role starts nothing");

        assertReason(Reason.REPLAY_DETECTED, () -> Callers.device(signed(), 1024, devices(KIOSK, () -> {
            throw new ApiException(Reason.REPLAY_DETECTED, "Nonce already used with this key");
        }), device -> { }, Role.KIOSK));
    }

    @Test
    void aDeviceOnlyRouteTakesNoBearerToken() {
        Callers.SignedRequests unsigned = devices(KIOSK, () -> {
            throw new ApiException(Reason.SIGNATURE_MISSING, "x-key is missing");
        });
        assertReason(Reason.SIGNATURE_MISSING, () -> Callers.device(request(Map.of("authorization", "Bearer t0k"), Map.of(),
                "gala-1"), 1024, unsigned, Role.KIOSK));
        assertFalse(seen.stream().anyMatch(step -> step.startsWith("token")), "a token was read: " + seen);
    }

    @Test
    void aSocketIsAScreenBySignedQueryOrAPersonByItsTokenParameter() {
        assertSame(SCREEN, connecting(Map.of("x-key", "acme.s1", "token", "ignored"), SCREEN));
        assertEquals(List.of("verify", "confirm"), seen);
        seen.clear();
        assertSame(STAFF, connecting(Map.of("token", "t0k"), SCREEN));
        assertEquals(List.of("token t0k"), seen);
        assertReason(Reason.FORBIDDEN, () -> connecting(Map.of("x-key", "acme.k1"), KIOSK));
        assertReason(Reason.UNAUTHORIZED, () -> connecting(Map.of(), SCREEN));
        assertReason(Reason.FORBIDDEN, () -> Callers.connecting(socket(Map.of("token", "t0k")), devices(SCREEN, () -> { }),
                token -> STAFF, Set.of(Role.SCREEN), Role.ADMIN));
    }

    /** A $connect whose query string is {@code query}, through a verifier that knows {@code device}. */
    private Principal connecting(Map<String, String> query, Principal.Device device) {
        return Callers.connecting(socket(query), devices(device, () -> { }), token -> {
            if (token == null) {
                throw new ApiException(Reason.UNAUTHORIZED, "A token is required");
            }
            seen.add("token " + token);
            return STAFF;
        }, Set.of(Role.SCREEN), Role.ADMIN, Role.OPS, Role.STAFF, Role.VIEWER);
    }

    private static ApiRequest socket(Map<String, String> query) {
        return new ApiRequest("$connect", "GET", "/", query, new byte[0], query, Map.of(), Map.of(), "r1");
    }

    private Caller door(ApiRequest request, Principal.Device device, Runnable confirmation) {
        return Callers.signedOrBearer(request, 1024, devices(device, confirmation), token -> {
            seen.add("token " + token);
            return STAFF;
        }, Set.of(Role.KIOSK), Role.ADMIN, Role.OPS, Role.STAFF);
    }

    /** A verifier whose checks 1–5 pass for {@code device}; its nonce check is {@code confirmation} (which may refuse). */
    private Callers.SignedRequests devices(Principal.Device device, Runnable confirmation) {
        return new Callers.SignedRequests() {
            @Override
            public boolean isSigned(ApiRequest request) {
                return request.header("x-key").isPresent();
            }

            @Override
            public Principal.Device verify(ApiRequest request, int maxBodyBytes) {
                seen.add("verify");
                seen.add("confirm");
                confirmation.run();
                return device;
            }

            @Override
            public Callers.SignedDevice verify(ApiRequest request, int maxBodyBytes, Executor nonceWriter,
                                               java.util.function.Consumer<Principal.Device> keyRead) {
                seen.add("verify");
                keyRead.accept(device);
                return new Callers.SignedDevice() {
                    @Override
                    public Principal.Device device() {
                        return device;
                    }

                    @Override
                    public Principal.Device confirm() {
                        seen.add("confirm");
                        confirmation.run();
                        return device;
                    }
                };
            }
        };
    }

    private static ApiRequest signed() {
        return request(Map.of("x-key", "acme.k1", "authorization", "Bearer ignored"), Map.of(), "gala-1");
    }

    private static ApiRequest request(Map<String, String> headers, Map<String, String> claims, String eventId) {
        Map<String, String> path = new HashMap<>();
        path.put("eventId", eventId);
        return new ApiRequest("POST /v1/events/{eventId}/checkins", "POST", "/v1/events/" + eventId + "/checkins", headers,
                new byte[0], Map.of(), path, claims, "r1");
    }

    private static void assertReason(Reason reason, org.junit.jupiter.api.function.Executable call) {
        ApiException refused = assertThrows(ApiException.class, call);
        assertEquals(reason.code(), refused.problem().reason(), refused.getMessage());
    }
}
