package io.seatpilot.core.tokens;

import io.seatpilot.core.auth.JwtClaims;

import io.seatpilot.core.auth.Principal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.seatpilot.core.aws.AwsClients;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies a person's JWT where no gateway authorizer can: browsers cannot set headers on a WebSocket, so Ops
 * Live gets the token in the query string of {@code $connect}. The checks are the HTTP API JWT authorizer's — an
 * RSA signature by a key of the issuer's JWKS (found by {@code kid}), the issuer, the audience (ID tokens'
 * {@code aud} or access tokens' {@code client_id}), and {@code exp}/{@code nbf}/{@code iat} without leeway — so a
 * token works on the socket exactly when it works on the HTTP API.
 */
public final class TokenVerifier {

    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private final String audience;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /**
     * @param jwks where the issuer publishes its keys; fetched on first use and cached (with refresh on an
     *             unknown {@code kid}) by the JOSE library
     */
    public TokenVerifier(String issuer, String audience, URI jwks) {
        this.audience = audience;
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(jwks.toURL()).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a JWKS URL: " + jwks, e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(RSA, keys));
        var claims = new DefaultJWTClaimsVerifier<SecurityContext>(new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp"));
        claims.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * Cognito's issuer and client from the function's environment. Cognito publishes the keys at
     * {@code <issuer>/.well-known/jwks.json}; where AWS_ENDPOINT_URL_COGNITO_IDP points elsewhere (the local stack
     * stands in for Cognito), the same path is asked of that endpoint.
     */
    public static TokenVerifier fromEnvironment(Env env, AwsClients clients) {
        return new TokenVerifier(env.require("JWT_ISSUER"), env.require("JWT_AUDIENCE"), jwksLocation(env, clients));
    }

    static URI jwksLocation(Env env, AwsClients clients) {
        String issuer = env.require("JWT_ISSUER");
        String path = URI.create(issuer).getPath() + "/.well-known/jwks.json";
        return clients.endpointOverride("COGNITO_IDP").map(endpoint -> URI.create(stripSlash(endpoint.toString()) + path))
                .orElseGet(() -> URI.create(stripSlash(issuer) + "/.well-known/jwks.json"));
    }

    private static String stripSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The person the token names, or 401 unauthorized; why is kept out of the answer (and tokens out of logs). */
    public Principal.User verify(String token) {
        if (token == null || token.isBlank()) {
            throw new ApiException(Reason.UNAUTHORIZED, "A token is required");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new ApiException(Reason.UNAUTHORIZED, "The token is not valid");
        }
        List<String> audiences = claims.getAudience().isEmpty() ? clientId(claims) : claims.getAudience();
        // The HTTP API's authorizer also refuses tokens issued in the future; the JOSE library checks only nbf.
        boolean issuedLater = claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(Instant.now());
        if (!audiences.contains(audience) || issuedLater) {
            throw new ApiException(Reason.UNAUTHORIZED, "The token is not valid");
        }
        return JwtClaims.toPrincipal(rendered(claims));
    }

    private static List<String> clientId(JWTClaimsSet claims) {
        Object clientId = claims.getClaim("client_id");
        return clientId instanceof String id ? List.of(id) : List.of();
    }

    /** The claims as the HTTP API hands them to functions (arrays as "[a b]"), so {@link JwtClaims} reads both alike. */
    private static Map<String, String> rendered(JWTClaimsSet claims) {
        Map<String, String> rendered = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> rendered.put(name, switch (value) {
            case null -> "";
            case List<?> list -> list.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
            default -> String.valueOf(value);
        }));
        return rendered;
    }
}
