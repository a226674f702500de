package io.seatpilot.core.auth;

import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import java.util.Set;
import java.util.function.Function;

/**
 * The caller of a signed-or-bearer route (see {@link Callers#signedOrBearer}), with the one check that may still be
 * under way: a device's nonce (SPEC §4 check 6) is written beside the route's first reads rather than before them.
 * {@link #confirm()} waits for it; it must run before any write and before any answer, refusals included, so a
 * replay is refused before anything else — and so is a device of a role the route does not take (check 7).
 */
public final class Caller {

    private final Principal principal;
    private final Callers.SignedDevice signed;
    private final Set<Role> deviceRoles;

    Caller(Principal principal, Callers.SignedDevice signed, Set<Role> deviceRoles) {
        this.principal = principal;
        this.signed = signed;
        this.deviceRoles = Set.copyOf(deviceRoles);
    }

    public Principal principal() {
        return principal;
    }

    /** Waits for a device's nonce and refuses a replay; a person has nothing left to check. */
    public void confirm() {
        if (signed != null) {
            signed.confirm();
        }
    }

    /** For routes that write straight away: the nonce first, then check 7. */
    public Principal confirmed() {
        confirm();
        requireDeviceRole();
        return principal;
    }

    /** The event the path names, in this caller's events (see {@link Callers#event}). */
    public String event(ApiRequest request) {
        return Callers.event(request, principal);
    }

    /**
     * Runs a route that reads before it writes: check 7 first, the nonce confirmed before the route's answer and
     * before any refusal of its own leaves (a replay's refusal wins).
     */
    public ApiResponse answer(Function<Caller, ApiResponse> route) {
        ApiResponse response;
        try {
            requireDeviceRole();
            response = route.apply(this);
        } catch (RuntimeException refused) {
            confirm();
            throw refused;
        }
        confirm();
        return response;
    }

    private void requireDeviceRole() {
        if (principal instanceof Principal.Device) {
            Access.requireAnyRole(principal, deviceRoles.toArray(Role[]::new));
        }
    }
}
