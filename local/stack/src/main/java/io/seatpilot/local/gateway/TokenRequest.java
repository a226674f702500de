package io.seatpilot.local.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a locally issued token says: tenant, roles, optional event ids (empty = all of the tenant's, so the claim
 * is left out), subject (default: stable per tenant and roles), issue time (default now) and lifetime.
 */
public record TokenRequest(String tenantId, List<String> roles, List<String> events, Optional<String> subject,
                           Optional<Instant> issuedAt, Duration ttl) {

    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    public TokenRequest {
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("A token needs a tenant_id");
        }
        roles = List.copyOf(roles);
        events = events == null ? List.of() : List.copyOf(events);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("A token's lifetime must be positive, got " + ttl);
        }
    }

    public static TokenRequest of(String tenantId, List<String> roles) {
        return new TokenRequest(tenantId, roles, List.of(), Optional.empty(), Optional.empty(), DEFAULT_TTL);
    }

    public TokenRequest withEvents(List<String> eventIds) {
        return new TokenRequest(tenantId, roles, eventIds, subject, issuedAt, ttl);
    }

    public TokenRequest withSubject(String sub) {
        return new TokenRequest(tenantId, roles, events, Optional.of(sub), issuedAt, ttl);
    }

    /** Backdating lets tests mint tokens that are already expired. */
    public TokenRequest issuedAt(Instant instant) {
        return new TokenRequest(tenantId, roles, events, subject, Optional.of(instant), ttl);
    }

    public TokenRequest validFor(Duration lifetime) {
        return new TokenRequest(tenantId, roles, events, subject, issuedAt, lifetime);
    }
}
