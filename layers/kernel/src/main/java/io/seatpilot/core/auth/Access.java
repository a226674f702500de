package io.seatpilot.core.auth;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import java.util.Set;

/**
 * The role and scope checks of SPEC §3 on a known principal, so every function refuses the same way; {@link Callers}
 * finds the principal.
 */
public final class Access {

    private Access() {
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
