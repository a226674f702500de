package io.seatpilot.core.auth;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the claims the HTTP API's JWT authorizer passes on. The gateway has verified the token already; it
 * renders array claims as {@code "[a b]"}, and Cognito puts groups in {@code cognito:groups} and custom
 * attributes under {@code custom:}, so both spellings are accepted.
 */
public final class JwtClaims {

    /**
     * The most events one token may name. Scoped reads filter on them in one DynamoDB expression, whose IN list
     * holds at most 100 values; a person who needs more events is given an unscoped token of the tenant.
     */
    public static final int MAX_EVENTS = 100;

    private JwtClaims() {
    }

    public static Principal.User toPrincipal(Map<String, String> claims) {
        String tenant = first(claims, "tenant_id", "custom:tenant_id")
                .orElseThrow(() -> new ApiException(Reason.UNAUTHORIZED, "Token carries no tenant"));
        if (!TenantIds.isValid(tenant)) {
            throw new ApiException(Reason.UNAUTHORIZED, "Token tenant is malformed");
        }
        String subject = first(claims, "sub").orElseThrow(() -> new ApiException(Reason.UNAUTHORIZED, "Token carries no subject"));
        Set<Role> roles = new LinkedHashSet<>();
        first(claims, "roles", "cognito:groups").map(JwtClaims::list).orElse(Set.of())
                .forEach(r -> Role.parse(r).filter(role -> role != Role.KIOSK && role != Role.SCREEN).ifPresent(roles::add));
        Set<String> events = first(claims, "events").map(JwtClaims::list).orElse(Set.of());
        if (events.size() > MAX_EVENTS) {
            throw new ApiException(Reason.UNAUTHORIZED, "Token names more than " + MAX_EVENTS + " events");
        }
        return new Principal.User(subject, tenant, roles, events);
    }

    private static Optional<String> first(Map<String, String> claims, String... names) {
        for (String name : names) {
            String value = claims.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Accepts the gateway's "[a b]", a JSON array text, or a comma/space separated list. */
    static Set<String> list(String raw) {
        String trimmed = raw.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        Set<String> values = new LinkedHashSet<>();
        Arrays.stream(trimmed.split("[,\\s]+"))
                .map(v -> v.replace("\"", "").trim())
                .filter(v -> !v.isEmpty())
                .forEach(values::add);
        return values;
    }
}
