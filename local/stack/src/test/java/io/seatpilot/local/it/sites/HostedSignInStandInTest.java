package io.seatpilot.local.it.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The local stand-in for the hosted sign-in through plain HTTP, as an app (or an attacker) would speak to it: the
 * whole round trip ends in a token the API accepts, and each refusal is Cognito's — a wrong verifier, a reused code,
 * a code taken to another redirect_uri or client (invalid_grant), a request missing a part (invalid_request), an
 * unknown client (invalid_client), a foreign redirect or logout URL (an error page, never a redirect to it).
 */
class HostedSignInStandInTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FORM = "application/x-www-form-urlencoded";

    private final LocalStack stack = SharedStack.get();
    private final Api api = new Api(stack.httpEndpoint());
    private final String clientId = stack.physicalId("UserPoolClient");
    private final String door = stack.httpEndpoint() + "/door/";
    private final String ops = stack.httpEndpoint() + "/ops/";

    @Test
    void theRoundTripEndsInAnIdTokenTheApiAcceptsAndARefreshTokenThatRenewsIt() throws Exception {
        Tenant tenant = Tenant.create("signin");
        String verifier = verifier();
        var page = api.send("GET", "/local/oauth2/authorize?" + query(authorize(door, "st-1", challenge(verifier))), null, Map.of());
        assertEquals(200, page.status(), page.body());
        assertTrue(page.contentType().startsWith("text/html"));
        assertTrue(page.body().contains("name=\"tenant\"") && page.body().contains("name=\"group_staff\""), "the sign-in form");

        String code = signIn(door, "st-1", challenge(verifier), tenant.id(), "marta@example.org", "admin");
        var tokens = token(Map.of("grant_type", "authorization_code", "client_id", clientId, "code", code,
                "redirect_uri", door, "code_verifier", verifier));
        assertEquals(200, tokens.status(), tokens.body());
        assertEquals("no-store", tokens.header("cache-control").orElse(""));
        JsonNode body = tokens.json();
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals(3600, body.path("expires_in").asInt());
        assertTrue(body.path("refresh_token").asText().length() >= 43);
        var claims = SignedJWT.parse(body.path("id_token").asText()).getJWTClaimsSet();
        assertEquals(tenant.id(), claims.getStringClaim("tenant_id"));
        assertEquals(List.of("admin"), claims.getStringListClaim("roles"));
        assertEquals(List.of(clientId), claims.getAudience(), "the client the API's authorizer trusts");
        assertEquals(stack.tokens().issuer(), claims.getIssuer());

        String event = "signin-gala";
        Map<String, Object> gala = Map.of("name", "Gala", "kind", "gala", "timezone", "Europe/Madrid",
                "zones", List.of(Map.of("id", "za", "name", "Garden", "letter", "A", "color", "#2E8B57")));
        assertEquals(401, api.send("PUT", "/v1/events/" + event, null, Map.of()).status(), "the call needs the token");
        var created = api.withToken(body.path("id_token").asText(), "PUT", "/v1/events/" + event, gala);
        assertEquals(201, created.status(), created.body());

        var renewed = token(Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", body.path("refresh_token").asText()));
        assertEquals(200, renewed.status(), renewed.body());
        assertFalse(renewed.json().has("refresh_token"), "no rotation, as Cognito's default");
        var again = SignedJWT.parse(renewed.json().path("id_token").asText()).getJWTClaimsSet();
        assertEquals(claims.getSubject(), again.getSubject(), "the same person");
        assertEquals(tenant.id(), again.getStringClaim("tenant_id"));
    }

    @Test
    void aCodeIsOneTimeAndBoundToItsVerifierRedirectUriAndClient() {
        String verifier = verifier();
        String code = signIn(door, "s", challenge(verifier), "demo", "ana", "staff");
        Map<String, String> exchange = Map.of("grant_type", "authorization_code", "client_id", clientId, "code", code,
                "redirect_uri", door, "code_verifier", verifier);
        assertEquals(200, token(exchange).status());
        assertError("invalid_grant", token(exchange), "a reused code");

        String wrongVerifier = signIn(door, "s", challenge(verifier), "demo", "ana", "staff");
        assertError("invalid_grant", token(with(exchange, "code", wrongVerifier, "code_verifier", verifier())), "a wrong verifier");
        assertError("invalid_grant", token(with(exchange, "code", wrongVerifier)), "the code went with the wrong attempt");

        String toOps = signIn(door, "s", challenge(verifier), "demo", "ana", "staff");
        assertError("invalid_grant", token(with(exchange, "code", toOps, "redirect_uri", ops)), "another registered redirect_uri");
        String foreign = signIn(door, "s", challenge(verifier), "demo", "ana", "staff");
        assertError("invalid_grant", token(with(exchange, "code", foreign, "redirect_uri", "https://evil.example/door/")), "a foreign one");
        assertError("invalid_grant", token(with(exchange, "code", "never-issued")), "a made-up code");
    }

    @Test
    void malformedTokenRequestsAreRefusedWithCognitosCodes() {
        String verifier = verifier();
        String code = signIn(ops, "s", challenge(verifier), "demo", "ana", "ops");
        Map<String, String> exchange = Map.of("grant_type", "authorization_code", "client_id", clientId, "code", code,
                "redirect_uri", ops, "code_verifier", verifier);
        assertError("invalid_request", token(without(exchange, "code_verifier")), "no verifier");
        assertError("invalid_request", token(without(exchange, "redirect_uri")), "no redirect_uri");
        assertError("invalid_request", token(without(exchange, "grant_type")), "no grant_type");
        assertError("invalid_client", token(with(exchange, "client_id", "someone-else")), "an unknown client");
        assertError("unsupported_grant_type", token(with(exchange, "grant_type", "password")), "no password grant");
        var json = api.send("POST", "/local/oauth2/token", "{\"grant_type\":\"authorization_code\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/json"));
        assertError("invalid_request", json, "the token endpoint takes a form");
        assertEquals(200, token(exchange).status(), "none of the malformed requests spent the code");
        assertError("invalid_grant", token(Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", "made-up")),
                "an unknown refresh token");
        assertError("invalid_request", token(Map.of("grant_type", "refresh_token", "client_id", clientId)), "no refresh token");
    }

    @Test
    void theAuthorizeEndpointNeverSendsABrowserToAnUnregisteredAddress() {
        String challenge = challenge(verifier());
        for (String foreign : List.of("https://evil.example/door/", door + "?next=x", stack.httpEndpoint() + "/p/", door.replace("/door/", "/door"))) {
            var refused = api.send("GET", "/local/oauth2/authorize?" + query(authorize(foreign, "s", challenge)), null, Map.of());
            assertEquals(400, refused.status(), foreign);
            assertTrue(refused.header("location").isEmpty(), foreign);
            assertTrue(refused.body().contains("redirect_mismatch"), refused.body());
            var posted = postForm("/local/oauth2/authorize", with(signInForm(foreign, "s", challenge, "demo", "ana", "staff")));
            assertEquals(400, posted.status(), "the form's hidden fields are checked again: " + foreign);
        }
        var unknown = api.send("GET", "/local/oauth2/authorize?" + query(with(authorize(door, "s", challenge), "client_id", "x")), null, Map.of());
        assertEquals(400, unknown.status());
        assertTrue(unknown.header("location").isEmpty());
    }

    @Test
    void faultsOfARegisteredAppGoBackToItWithItsState() {
        String challenge = challenge(verifier());
        assertRedirectError("invalid_request", with(authorize(door, "st-9", challenge), "code_challenge_method", "plain"));
        assertRedirectError("invalid_request", without(authorize(door, "st-9", challenge), "code_challenge"));
        assertRedirectError("unsupported_response_type", with(authorize(door, "st-9", challenge), "response_type", "token"));
        assertRedirectError("invalid_scope", with(authorize(door, "st-9", challenge), "scope", "openid aws.cognito.signin.user.admin"));
    }

    @Test
    void logoutReturnsOnlyToARegisteredApp() {
        var out = api.send("GET", "/local/oauth2/logout?" + query(Map.of("client_id", clientId, "logout_uri", ops)), null, Map.of());
        assertEquals(302, out.status());
        assertEquals(ops, out.header("location").orElse(""));
        var foreign = api.send("GET", "/local/oauth2/logout?" + query(Map.of("client_id", clientId, "logout_uri", "https://evil.example/")),
                null, Map.of());
        assertEquals(400, foreign.status());
        assertTrue(foreign.header("location").isEmpty());
    }

    @Test
    void theFormNeedsATenantAUserAndAGroup() {
        String challenge = challenge(verifier());
        var noGroup = postForm("/local/oauth2/authorize", without(signInForm(door, "s", challenge, "demo", "ana", "staff"), "group_staff"));
        assertEquals(400, noGroup.status());
        assertTrue(noGroup.header("location").isEmpty());
        var badTenant = postForm("/local/oauth2/authorize", signInForm(door, "s", challenge, "Demo Tenant", "ana", "staff"));
        assertEquals(400, badTenant.status());
    }

    // ---- helpers ----

    private void assertRedirectError(String error, Map<String, String> params) {
        var answer = api.send("GET", "/local/oauth2/authorize?" + query(params), null, Map.of());
        assertEquals(302, answer.status(), params.toString());
        Map<String, String> back = params(URI.create(answer.header("location").orElseThrow()).getRawQuery());
        assertEquals(error, back.get("error"), params.toString());
        assertEquals("st-9", back.get("state"));
        assertTrue(answer.header("location").orElseThrow().startsWith(door));
    }

    private static void assertError(String error, Api.Answer answer, String why) {
        assertEquals(400, answer.status(), why + ": " + answer.body());
        assertEquals(error, answer.json().path("error").asText(), why);
    }

    private Map<String, String> authorize(String redirectUri, String state, String challenge) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("state", state);
        params.put("scope", "openid email profile");
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", "S256");
        return params;
    }

    private Map<String, String> signInForm(String redirectUri, String state, String challenge, String tenant, String user, String group) {
        Map<String, String> form = new LinkedHashMap<>(authorize(redirectUri, state, challenge));
        form.put("tenant", tenant);
        form.put("user", user);
        form.put("group_" + group, "on");
        return form;
    }

    /** Fills the form as a person would and follows the stand-in back to the app: the code it hands over. */
    private String signIn(String redirectUri, String state, String challenge, String tenant, String user, String group) {
        var answer = postForm("/local/oauth2/authorize", signInForm(redirectUri, state, challenge, tenant, user, group));
        assertEquals(302, answer.status(), answer.body());
        String location = answer.header("location").orElseThrow();
        assertTrue(location.startsWith(redirectUri + "?"), location);
        Map<String, String> back = params(URI.create(location).getRawQuery());
        assertEquals(state, back.get("state"));
        return back.get("code");
    }

    private Api.Answer token(Map<String, String> form) {
        return postForm("/local/oauth2/token", form);
    }

    private Api.Answer postForm(String path, Map<String, String> form) {
        return api.send("POST", path, query(form).getBytes(StandardCharsets.UTF_8), Map.of("content-type", FORM));
    }

    private static Map<String, String> with(Map<String, String> params, String... pairs) {
        Map<String, String> changed = new LinkedHashMap<>(params);
        for (int i = 0; i < pairs.length; i += 2) {
            changed.put(pairs[i], pairs[i + 1]);
        }
        return changed;
    }

    private static Map<String, String> without(Map<String, String> params, String name) {
        Map<String, String> changed = new LinkedHashMap<>(params);
        changed.remove(name);
        return changed;
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
