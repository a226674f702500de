package io.seatpilot.local.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The local stand-in for the Cognito user pool: an RS256 key made at start-up, tokens with SeatPilot's claims
 * (sub, tenant_id, roles, events) under the issuer and audience the template's JWT authorizer expects, and the
 * public key as a JWKS. It exists only in the local stack; nothing in the template refers to it.
 */
public final class LocalTokenIssuer {

    private static final int KEY_BITS = 2048;

    private final String issuer;
    private final String audience;
    private final RSAKey signingKey;
    /** Same key id, different key: a token that looks right but was not signed by this issuer. */
    private final RSAKey foreignKey;

    public LocalTokenIssuer(String issuer, String audience) {
        this.issuer = issuer;
        this.audience = audience;
        String keyId = "seatpilot-local-" + UUID.randomUUID();
        this.signingKey = generate(keyId);
        this.foreignKey = generate(keyId);
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(KEY_BITS).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the local issuer's RSA key", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    public String issue(TokenRequest request) {
        return sign(request, signingKey);
    }

    /** A token with this issuer's claims and key id, signed by another key: every verifier must refuse it. */
    public String issueSignedByForeignKey(TokenRequest request) {
        return sign(request, foreignKey);
    }

    /** The public half of the signing key, for verifiers. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    /** The expiry of a token this issuer would mint for {@code request}. */
    public Instant expiry(TokenRequest request) {
        return request.issuedAt().orElseGet(Instant::now).plus(request.ttl());
    }

    private String sign(TokenRequest request, RSAKey key) {
        Instant issued = request.issuedAt().orElseGet(Instant::now);
        var claims = new JWTClaimsSet.Builder()
                .subject(request.subject().orElseGet(() -> defaultSubject(request)))
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(issued))
                .expirationTime(Date.from(expiry(request)))
                .claim("tenant_id", request.tenantId())
                .claim("roles", request.roles());
        if (!request.events().isEmpty()) {
            claims.claim("events", request.events());
        }
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a local token", e);
        }
        return jwt.serialize();
    }

    /** Stable per tenant and roles, shaped like a Cognito sub, so repeated logins are the same user. */
    private static String defaultSubject(TokenRequest request) {
        return UUID.nameUUIDFromBytes(("seatpilot-local|" + request.tenantId() + "|" + String.join(",", request.roles()))
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
