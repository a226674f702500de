package io.seatpilot.core.tokens;

import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.seatpilot.core.aws.AwsClients;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The socket's token check against a JWKS served over HTTP, as Cognito serves it. */
class TokenVerifierTest {

    private static final String POOL = "us-east-1_TestPool";
    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/" + POOL;
    private static final String CLIENT = "client-123";

    private static RSAKey key;
    private static RSAKey otherKey;
    private static HttpServer jwks;
    private static TokenVerifier verifier;

    @BeforeAll
    static void issuer() throws JOSEException, IOException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        // Cognito's path under its endpoint: /<pool id>/.well-known/jwks.json
        jwks.createContext("/idp/" + POOL + "/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        Env env = new Env(Map.of("JWT_ISSUER", ISSUER, "JWT_AUDIENCE", CLIENT, "AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_COGNITO_IDP", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/idp"));
        verifier = TokenVerifier.fromEnvironment(env, new AwsClients(env));
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    private static JWTClaimsSet.Builder idToken() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("user-1")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("custom:tenant_id", "acme").claim("cognito:groups", List.of("ops", "viewer"));
    }

    private static String sign(RSAKey with, UnaryOperator<JWTClaimsSet.Builder> claims) throws JOSEException {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(),
                claims.apply(idToken()).build());
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    private static void assertUnauthorized(String token) {
        var refused = assertThrows(ApiException.class, () -> verifier.verify(token));
        assertEquals(Reason.UNAUTHORIZED.code(), refused.problem().reason());
    }

    @Test
    void aCognitoIdTokenGivesTheUserWithTenantAndGroups() throws JOSEException {
        Principal.User user = verifier.verify(sign(key, c -> c));
        assertEquals("acme", user.tenantId());
        assertEquals("user-1", user.subject());
        assertEquals(Set.of(Role.OPS, Role.VIEWER), user.roles());
    }

    @Test
    void anAccessTokenNamesItsClientInClientId() throws JOSEException {
        Principal.User user = verifier.verify(sign(key, c -> c.audience((String) null).claim("client_id", CLIENT)));
        assertEquals("acme", user.tenantId());
    }

    @Test
    void expiredNotYetValidAndFutureIssuedTokensAreRefusedWithoutLeeway() throws JOSEException {
        assertUnauthorized(sign(key, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(5)))));
        assertUnauthorized(sign(key, c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(30)))));
        assertUnauthorized(sign(key, c -> c.issueTime(Date.from(Instant.now().plusSeconds(30)))));
    }

    @Test
    void anotherIssuerAudienceOrSigningKeyIsRefused() throws JOSEException {
        assertUnauthorized(sign(key, c -> c.issuer("https://cognito-idp.us-east-1.amazonaws.com/OtherPool")));
        assertUnauthorized(sign(key, c -> c.audience("another-client")));
        assertUnauthorized(sign(otherKey, c -> c));
    }

    @Test
    void anHmacSignedTokenIsRefused() throws JOSEException {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), idToken().build());
        jwt.sign(new MACSigner(new byte[32]));
        assertUnauthorized(jwt.serialize());
    }

    @Test
    void aTokenWithoutTenantOrMissingIsRefused() throws JOSEException {
        assertUnauthorized(sign(key, c -> c.claim("custom:tenant_id", null)));
        assertUnauthorized(null);
        assertUnauthorized("not.a.jwt");
    }

    @Test
    void withoutAnEndpointOverrideTheKeysAreCognitosUnderTheIssuer() {
        // Only the location is checked here; the keys are fetched on first use, never in this test.
        Env env = new Env(Map.of("JWT_ISSUER", ISSUER, "JWT_AUDIENCE", CLIENT));
        assertEquals(URI.create(ISSUER + "/.well-known/jwks.json"), TokenVerifier.jwksLocation(env, new AwsClients(env)));
    }
}
