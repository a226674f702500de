package io.seatpilot.local.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's JWT authorizer, step for step as AWS documents it: the token (alone or after "Bearer ") must
 * carry an RSA signature by a key of the issuer's JWKS named by its {@code kid}, {@code iss} must equal the
 * configured issuer, {@code aud} (or {@code client_id} when there is no aud) one of the audiences, {@code exp}
 * must lie in the future and {@code nbf}/{@code iat} must not; a route's scopes need one of them in
 * {@code scope}/{@code scp}. AWS documents these comparisons without any leeway, and so are they here.
 */
public final class JwtAuthorizer {

    private static final List<JWSAlgorithm> RSA_ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private final HttpApiDefinition.JwtAuthorizerSettings settings;
    private final String issuer;
    private final List<String> audiences;
    private final JWKSet keys;
    private final Clock clock;

    /** @param keys the issuer's public keys (its JWKS), which the gateway would fetch from the issuer */
    public JwtAuthorizer(HttpApiDefinition.JwtAuthorizerSettings settings, JWKSet keys, Clock clock) {
        this.settings = settings;
        this.issuer = settings.issuer();
        this.audiences = List.copyOf(settings.audiences());
        this.keys = keys;
        this.clock = clock;
    }

    public HttpApiDefinition.JwtAuthorizerSettings settings() {
        return settings;
    }

    /** The outcome the gateway acts on: 401 for a bad token, 403 for a good token without the route's scope. */
    public sealed interface Decision {
        record Allowed(Map<String, String> claims, List<String> scopes) implements Decision {
        }

        record Unauthorized(String why) implements Decision {
        }

        record Forbidden(String why) implements Decision {
        }
    }

    /** Reads the token from the authorizer's identity source ({@code $request.header.X} or {@code $request.querystring.X}). */
    Decision authorize(GatewayRequest request, List<String> requiredScopes) {
        String source = settings.identitySource();
        Optional<String> identity;
        if (source.startsWith("$request.header.")) {
            identity = request.header(source.substring("$request.header.".length()).toLowerCase(Locale.ROOT));
        } else if (source.startsWith("$request.querystring.")) {
            identity = Optional.ofNullable(HttpApiEventFactory.queryParameters(request.rawQuery())
                    .get(source.substring("$request.querystring.".length())));
        } else {
            return new Decision.Unauthorized("identity source " + source + " is not emulated");
        }
        return authorize(identity, requiredScopes);
    }

    public Decision authorize(Optional<String> identity, List<String> requiredScopes) {
        String token = identity.map(String::trim).map(value -> value.regionMatches(true, 0, "Bearer ", 0, 7)
                ? value.substring(7).trim() : value).filter(value -> !value.isEmpty()).orElse(null);
        if (token == null) {
            return new Decision.Unauthorized("no token");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!RSA_ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
                return new Decision.Unauthorized("algorithm " + jwt.getHeader().getAlgorithm() + " is not RSA-based");
            }
            JWK key = jwt.getHeader().getKeyID() == null ? null : keys.getKeyByKeyId(jwt.getHeader().getKeyID());
            if (!(key instanceof RSAKey rsa) || !jwt.verify(new RSASSAVerifier(rsa))) {
                return new Decision.Unauthorized("signature not made by a key of the issuer");
            }
            return checkClaims(jwt.getJWTClaimsSet(), requiredScopes);
        } catch (ParseException | JOSEException e) {
            return new Decision.Unauthorized("malformed token: " + e.getMessage());
        }
    }

    private Decision checkClaims(JWTClaimsSet claims, List<String> requiredScopes) throws ParseException {
        Instant now = clock.instant();
        if (!issuer.equals(claims.getIssuer())) {
            return new Decision.Unauthorized("issuer " + claims.getIssuer() + " is not " + issuer);
        }
        List<String> tokenAudiences = claims.getAudience().isEmpty()
                ? Optional.ofNullable(claims.getStringClaim("client_id")).map(List::of).orElse(List.of())
                : claims.getAudience();
        if (tokenAudiences.stream().noneMatch(audiences::contains)) {
            return new Decision.Unauthorized("audience " + tokenAudiences + " is not one of " + audiences);
        }
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)) {
            return new Decision.Unauthorized("expired or without exp");
        }
        if (after(claims.getNotBeforeTime(), now) || after(claims.getIssueTime(), now)) {
            return new Decision.Unauthorized("not valid yet");
        }
        List<String> scopes = scopes(claims);
        if (!requiredScopes.isEmpty() && scopes.stream().noneMatch(requiredScopes::contains)) {
            return new Decision.Forbidden("token has none of the scopes " + requiredScopes);
        }
        return new Decision.Allowed(GatewayClaims.render(claims.toJSONObject()), scopes);
    }

    private static boolean after(Date time, Instant now) {
        return time != null && time.toInstant().isAfter(now);
    }

    private static List<String> scopes(JWTClaimsSet claims) throws ParseException {
        Object scope = claims.getClaim("scope") != null ? claims.getClaim("scope") : claims.getClaim("scp");
        return switch (scope) {
            case null -> List.of();
            case String text -> Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
            case List<?> list -> list.stream().map(String::valueOf).toList();
            default -> throw new ParseException("scope claim is neither text nor a list", 0);
        };
    }
}
