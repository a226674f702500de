package io.seatpilot.core.auth;

import io.seatpilot.core.store.EventKeys;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.observability.Logs;
import java.util.Set;

/** The role checks of SPEC §3 in one place, so every function refuses the same way. */
public final class Access {

    private Access() {
    }

    /** The caller of a JWT route, already verified by the gateway's authorizer, holding one of {@code roles}. */
    public static Principal.User user(ApiRequest request, Role... roles) {
        Principal.User user = JwtClaims.toPrincipal(request.claims());
        Logs.tenant(user.tenantId());
        requireAnyRole(user, roles);
        return user;
    }

    /**
     * A person reading one event's Ops Live views (snapshot, KPIs): SPEC §3 lets every role of a person read them,
     * within the events their token names. The event id is checked and logged.
     */
    public static Principal.User eventReader(ApiRequest request) {
        Principal.User user = user(request, Role.ADMIN, Role.PLANNER, Role.OPS, Role.STAFF, Role.VIEWER);
        String eventId = request.pathParameter("eventId");
        EventKeys.requireEventId(eventId);
        requireEvent(user, eventId);
        Logs.eventId(eventId);
        return user;
    }

    public static void requireAnyRole(Principal principal, Role... roles) {
        if (!principal.hasAnyRole(roles)) {
            throw new ApiException(Reason.FORBIDDEN, "This action needs one of the roles " + java.util.Arrays.toString(roles));
        }
    }

    public static void requireEvent(Principal principal, String eventId) {
        if (!principal.mayTouchEvent(eventId)) {
            throw new ApiException(Reason.FORBIDDEN, "Credential not allowed on event " + eventId);
        }
    }

    /** SPEC §14: an event-scoped admin issues, revokes and replays within its events only. */
    public static void requireEvents(Principal principal, Set<String> eventIds) {
        if (!principal.mayTouchEvents(eventIds)) {
            throw new ApiException(Reason.FORBIDDEN, eventIds.isEmpty()
                    ? "This concerns every event of the tenant; the credential is limited to " + principal.events()
                    : "Credential not allowed on every one of the events " + eventIds);
        }
    }

    /** Tenant-wide reads (ingest statistics) are for credentials that are not limited to some events. */
    public static void requireAllEvents(Principal principal) {
        requireEvents(principal, Set.of());
    }

    public static void requireSameTenant(Principal principal, String bodyTenantId) {
        if (bodyTenantId != null && !bodyTenantId.equals(principal.tenantId())) {
            throw new ApiException(Reason.TENANT_MISMATCH, "Body tenant differs from the credential's tenant");
        }
    }
}
