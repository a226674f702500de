package io.seatpilot.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seatpilot.core.http.ApiException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtClaimsTest {

    @Test
    void readsTheGatewaysArrayRendering() {
        var user = JwtClaims.toPrincipal(Map.of("sub", "u1", "tenant_id", "acme", "roles", "[admin ops]", "events", "[gala-1 gala-2]"));
        assertEquals(Set.of(Role.ADMIN, Role.OPS), user.roles());
        assertEquals(Set.of("gala-1", "gala-2"), user.events());
        assertEquals("acme", user.tenantId());
    }

    @Test
    void readsCognitoSpellings() {
        var user = JwtClaims.toPrincipal(Map.of("sub", "u1", "custom:tenant_id", "acme", "cognito:groups", "[\"planner\",\"viewer\"]"));
        assertEquals(Set.of(Role.PLANNER, Role.VIEWER), user.roles());
        assertEquals(Set.of(), user.events());
    }

    @Test
    void peopleCannotClaimDeviceRoles() {
        var user = JwtClaims.toPrincipal(Map.of("sub", "u1", "tenant_id", "acme", "roles", "[kiosk screen]"));
        assertEquals(Set.of(), user.roles());
    }

    @Test
    void aTokenWithoutTenantIsRefused() {
        var refused = assertThrows(ApiException.class, () -> JwtClaims.toPrincipal(Map.of("sub", "u1", "roles", "[admin]")));
        assertEquals("unauthorized", refused.problem().reason());
    }

    @Test
    void aMalformedTenantIsRefused() {
        assertThrows(ApiException.class, () -> JwtClaims.toPrincipal(Map.of("sub", "u1", "tenant_id", "a#b")));
    }
}
