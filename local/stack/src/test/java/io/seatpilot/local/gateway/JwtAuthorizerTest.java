package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.LocalStack;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway's JWT authorizer: through HTTP on the test stack, and directly for the claim checks. */
class JwtAuthorizerTest {

    private static LocalStack stack;
    private static URI api;

    @BeforeAll
    static void stack() {
        stack = TestStack.get();
        api = stack.httpEndpoint();
    }

    private static Http.Answer secure(Map<String, String> headers) {
        return Http.get(api, "/secure", headers);
    }

    @Test
    void aValidTokenReachesTheFunctionWithClaimsRenderedAsTheGatewayRendersThem() {
        String token = stack.issueToken("acme", List.of("admin", "ops"), List.of("gala-2026", "expo"));
        var answer = secure(Map.of("authorization", "Bearer " + token));
        assertEquals(200, answer.status(), answer.text());
        JsonNode claims = answer.json().get("claims");
        assertEquals("acme", claims.get("tenant_id").asText());
        assertEquals("[admin ops]", claims.get("roles").asText(), "arrays become \"[a b]\"");
        assertEquals("[gala-2026 expo]", claims.get("events").asText());
        assertEquals(stack.tokens().issuer(), claims.get("iss").asText());
        assertEquals("UserPoolClient", claims.get("aud").asText(), "audience from the template, resolved locally");
        assertEquals(String.valueOf(claims.get("exp").asLong()), claims.get("exp").asText(), "numbers keep their digits");
    }

    @Test
    void theTokenMayComeWithoutTheBearerPrefix() {
        assertEquals(200, secure(Map.of("authorization", stack.issueToken("acme", List.of("viewer"), List.of()))).status());
    }

    @Test
    void noEventsClaimWhenNoEventsAreGiven() {
        var claims = secure(Map.of("authorization", "Bearer " + stack.issueToken("acme", List.of("viewer"), List.of()))).json().get("claims");
        assertFalse(claims.has("events"));
    }

    @Test
    void missingExpiredAndForeignSignedTokensAre401() {
        TokenRequest request = TokenRequest.of("acme", List.of("admin"));
        String expired = stack.tokens().issue(request.issuedAt(Instant.now().minus(Duration.ofHours(2))).validFor(Duration.ofHours(1)));
        String foreign = stack.tokens().issueSignedByForeignKey(request);
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("authorization", "Bearer " + expired),
                Map.of("authorization", "Bearer " + foreign), Map.of("authorization", "Bearer not.a.jwt"),
                Map.of("authorization", "Bearer "))) {
            var answer = secure(headers);
            assertEquals(401, answer.status(), headers.toString());
            assertEquals("{\"message\":\"Unauthorized\"}", answer.text());
        }
    }

    @Test
    void aRouteWithScopesNeedsOneOfThemElse403() {
        String token = stack.issueToken("acme", List.of("admin"), List.of());
        var answer = Http.get(api, "/scoped", Map.of("authorization", "Bearer " + token));
        assertEquals(403, answer.status());
        assertEquals("{\"message\":\"Forbidden\"}", answer.text());
    }

    @Test
    void localTokensEndpointMintsTokensTheGatewayAccepts() {
        var minted = Http.send(api, "POST", "/local/tokens",
                "{\"tenant_id\":\"acme\",\"roles\":[\"planner\"],\"events\":[\"e1\"],\"sub\":\"user-7\",\"ttl_seconds\":120}".getBytes(),
                Map.of("content-type", "application/json"));
        assertEquals(200, minted.status(), minted.text());
        long expiresAt = minted.json().get("expires_at").asLong();
        assertEquals(Instant.now().plusSeconds(120).toEpochMilli(), expiresAt, 10_000);
        JsonNode claims = secure(Map.of("authorization", "Bearer " + minted.json().get("token").asText())).json().get("claims");
        assertEquals("user-7", claims.get("sub").asText());
        assertEquals("[planner]", claims.get("roles").asText());
        assertEquals("[e1]", claims.get("events").asText());
    }

    @Test
    void localTokensEndpointRefusesBadRequests() {
        for (String body : List.of("not json", "{}", "{\"tenant_id\":\"acme\"}", "{\"tenant_id\":\"acme\",\"roles\":\"admin\"}",
                "{\"tenant_id\":\"acme\",\"roles\":[],\"ttl_seconds\":0}", "{\"tenant_id\":\"acme\",\"roles\":[1]}")) {
            assertEquals(400, Http.send(api, "POST", "/local/tokens", body.getBytes(), Map.of()).status(), body);
        }
    }

    @Test
    void publishesTheSigningKeyAsJwks() {
        JsonNode keys = Http.get(api, "/local/.well-known/jwks.json", Map.of()).json().get("keys");
        assertEquals(1, keys.size());
        assertEquals("RSA", keys.get(0).get("kty").asText());
        assertFalse(keys.get(0).has("d"), "only the public half");
    }

    @Test
    void checksIssuerAndAudienceAgainstTheAuthorizersSettings() {
        var issuer = new LocalTokenIssuer("https://issuer.example", "app-a");
        String token = issuer.issue(TokenRequest.of("acme", List.of("admin")));
        var matching = new JwtAuthorizer(new HttpApiDefinition.JwtAuthorizerSettings("Jwt", "https://issuer.example",
                List.of("app-b", "app-a"), "$request.header.Authorization"), issuer.publicKeys(), Clock.systemUTC());
        assertInstanceOf(JwtAuthorizer.Decision.Allowed.class, matching.authorize(Optional.of(token), List.of()));
        var otherAudience = new JwtAuthorizer(new HttpApiDefinition.JwtAuthorizerSettings("Jwt", "https://issuer.example",
                List.of("app-b"), "$request.header.Authorization"), issuer.publicKeys(), Clock.systemUTC());
        assertInstanceOf(JwtAuthorizer.Decision.Unauthorized.class, otherAudience.authorize(Optional.of(token), List.of()));
        var otherIssuer = new JwtAuthorizer(new HttpApiDefinition.JwtAuthorizerSettings("Jwt", "https://other.example",
                List.of("app-a"), "$request.header.Authorization"), issuer.publicKeys(), Clock.systemUTC());
        assertInstanceOf(JwtAuthorizer.Decision.Unauthorized.class, otherIssuer.authorize(Optional.of(token), List.of()));
    }

    @Test
    void expiryIsCheckedWithoutLeewayAndTokensFromTheFutureAreRefused() {
        var issuer = new LocalTokenIssuer("https://issuer.example", "app");
        var settings = new HttpApiDefinition.JwtAuthorizerSettings("Jwt", "https://issuer.example", List.of("app"), "$request.header.Authorization");
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        String token = issuer.issue(TokenRequest.of("acme", List.of("admin")).issuedAt(issued).validFor(Duration.ofMinutes(10)));
        assertInstanceOf(JwtAuthorizer.Decision.Allowed.class, new JwtAuthorizer(settings, issuer.publicKeys(),
                Clock.fixed(issued.plusSeconds(599), java.time.ZoneOffset.UTC)).authorize(Optional.of(token), List.of()));
        assertInstanceOf(JwtAuthorizer.Decision.Unauthorized.class, new JwtAuthorizer(settings, issuer.publicKeys(),
                Clock.fixed(issued.plusSeconds(600), java.time.ZoneOffset.UTC)).authorize(Optional.of(token), List.of()));
        assertInstanceOf(JwtAuthorizer.Decision.Unauthorized.class, new JwtAuthorizer(settings, issuer.publicKeys(),
                Clock.fixed(issued.minusSeconds(1), java.time.ZoneOffset.UTC)).authorize(Optional.of(token), List.of()), "iat in the future");
    }
}
