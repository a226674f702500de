package io.seatpilot.local.gateway;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The local stand-in for the user pool's hosted sign-in (SPEC §15): {@code GET /local/oauth2/authorize} shows a
 * sign-in form (tenant, user, groups) instead of a password page, {@code POST} of that form sends the browser back
 * with a one-time code, {@code POST /local/oauth2/token} exchanges it (authorization_code with PKCE S256) or a
 * refresh token for the same local JWTs {@code POST /local/tokens} mints, and {@code GET /local/oauth2/logout} sends
 * the browser to a registered logout URL. It is as strict as Cognito where an app could get it wrong: the client id
 * and the redirect and logout URLs must be the registered ones (this stack's {@code /door/} and {@code /ops/}),
 * codes are one-time, live five minutes and are bound to the client, the redirect URI and the PKCE challenge, and
 * refusals carry Cognito's error codes. Stricter in one place: PKCE is required, as both apps always use it.
 */
final class HostedSignIn {

    static final String AUTHORIZE = "/local/oauth2/authorize";
    static final String TOKEN = "/local/oauth2/token";
    static final String LOGOUT = "/local/oauth2/logout";
    static final String SCOPE = "openid email profile";

    /** Cognito's authorization codes live five minutes. */
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final Set<String> SCOPES = Set.of(SCOPE.split(" "));
    private static final List<String> GROUPS = List.of("admin", "planner", "ops", "staff", "viewer");
    /** The registered apps: the door app and the dashboard, on this stack's own origin (as the distribution's in AWS). */
    private static final List<String> APP_PATHS = List.of("/door/", "/ops/");
    private static final List<String> LOCAL_HOSTS = List.of("127.0.0.1", "localhost");
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** RFC 7636 §4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Grant(String tenant, String user, List<String> groups) {
    }

    private record Code(String clientId, String redirectUri, String challenge, Grant grant, Instant expires) {
    }

    private record Refresh(String clientId, Grant grant) {
    }

    private final LocalTokenIssuer issuer;
    private final String clientId;
    private final Clock clock;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();

    HostedSignIn(LocalTokenIssuer issuer, String clientId, Clock clock) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clock = clock;
    }

    Optional<GatewayResponse> handle(GatewayRequest request) {
        return switch (request.rawPath()) {
            case AUTHORIZE -> Optional.of(switch (request.method()) {
                case "GET" -> authorize(request, query(request.rawQuery()));
                case "POST" -> signIn(request, form(request));
                default -> GatewayResponse.message(405, "Method Not Allowed");
            });
            case TOKEN -> Optional.of(request.method().equals("POST") ? token(request) : GatewayResponse.message(405, "Method Not Allowed"));
            case LOGOUT -> Optional.of(request.method().equals("GET") ? logout(request) : GatewayResponse.message(405, "Method Not Allowed"));
            default -> Optional.empty();
        };
    }

    // ---- the authorization endpoint ----

    /** Checks the request as Cognito does, then shows the form that stands in for the password page. */
    private GatewayResponse authorize(GatewayRequest request, Map<String, String> params) {
        return checkAuthorization(request, params).orElseGet(() -> page(200, "Sign in (local stand-in)", signInForm(params)));
    }

    /**
     * Cognito never sends a browser to an unregistered redirect URI: an unknown client or a foreign redirect_uri
     * gets an error page. Once both are known good, other faults go back to the app as {@code ?error=…&state=…}.
     */
    private Optional<GatewayResponse> checkAuthorization(GatewayRequest request, Map<String, String> params) {
        if (!clientId.equals(params.get("client_id"))) {
            return Optional.of(page(400, "Sign-in error", "<p>error=invalid_request: unknown client_id</p>"));
        }
        String redirectUri = params.getOrDefault("redirect_uri", "");
        if (!registered(request, redirectUri)) {
            return Optional.of(page(400, "Sign-in error", "<p>error=redirect_mismatch</p>"));
        }
        String state = params.get("state");
        if (!"code".equals(params.get("response_type"))) {
            return Optional.of(redirectError(redirectUri, "unsupported_response_type", state));
        }
        String scope = params.getOrDefault("scope", "");
        if (scope.isBlank() || !SCOPES.containsAll(List.of(scope.trim().split(" +")))) {
            return Optional.of(redirectError(redirectUri, "invalid_scope", state));
        }
        if (!"S256".equals(params.get("code_challenge_method")) || !CHALLENGE.matcher(params.getOrDefault("code_challenge", "")).matches()) {
            return Optional.of(redirectError(redirectUri, "invalid_request", state));
        }
        return Optional.empty();
    }

    /** The form's answer: the request is checked again (hidden fields are the browser's to change), then a code. */
    private GatewayResponse signIn(GatewayRequest request, Map<String, String> params) {
        Optional<GatewayResponse> refused = checkAuthorization(request, params);
        if (refused.isPresent()) {
            return refused.get();
        }
        String tenant = params.getOrDefault("tenant", "").trim();
        String user = params.getOrDefault("user", "").trim();
        List<String> groups = GROUPS.stream().filter(g -> "on".equals(params.get("group_" + g))).toList();
        if (!TENANT.matcher(tenant).matches() || user.isEmpty() || groups.isEmpty()) {
            return page(400, "Sign in (local stand-in)", "<p role=\"alert\">A tenant (a-z, 0-9, -), a user and at least one group.</p>"
                    + signInForm(params));
        }
        Instant now = clock.instant();
        codes.values().removeIf(code -> code.expires().isBefore(now));
        String code = random();
        codes.put(code, new Code(clientId, params.get("redirect_uri"), params.get("code_challenge"), new Grant(tenant, user, groups),
                now.plus(CODE_LIFETIME)));
        String location = params.get("redirect_uri") + "?code=" + encode(code)
                + (params.containsKey("state") ? "&state=" + encode(params.get("state")) : "");
        return new GatewayResponse(302, List.of(Map.entry("location", location), Map.entry("cache-control", "no-store")), new byte[0]);
    }

    private boolean registered(GatewayRequest request, String uri) {
        return LOCAL_HOSTS.stream().anyMatch(host -> APP_PATHS.stream()
                .anyMatch(path -> uri.equals("http://" + host + ":" + request.localPort() + path)));
    }

    private static GatewayResponse redirectError(String redirectUri, String error, String state) {
        String location = redirectUri + "?error=" + error + (state != null ? "&state=" + encode(state) : "");
        return new GatewayResponse(302, List.of(Map.entry("location", location)), new byte[0]);
    }

    // ---- the token endpoint ----

    private GatewayResponse token(GatewayRequest request) {
        if (!request.header("content-type").orElse("").toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return tokenError(400, "invalid_request");
        }
        Map<String, String> params = form(request);
        String grantType = params.get("grant_type");
        if (grantType == null || params.get("client_id") == null) {
            return tokenError(400, "invalid_request");
        }
        if (!grantType.equals("authorization_code") && !grantType.equals("refresh_token")) {
            return tokenError(400, "unsupported_grant_type");
        }
        if (!clientId.equals(params.get("client_id"))) {
            return tokenError(400, "invalid_client");
        }
        return grantType.equals("authorization_code") ? exchangeCode(params) : refresh(params);
    }

    private GatewayResponse exchangeCode(Map<String, String> params) {
        if (params.get("code") == null || params.get("redirect_uri") == null || params.get("code_verifier") == null) {
            return tokenError(400, "invalid_request");
        }
        // One presentation per code, right or wrong: a code seen twice may have been stolen.
        Code code = codes.remove(params.get("code"));
        if (code == null || code.expires().isBefore(clock.instant()) || !code.clientId().equals(params.get("client_id"))
                || !code.redirectUri().equals(params.get("redirect_uri"))) {
            return tokenError(400, "invalid_grant");
        }
        String verifier = params.get("code_verifier");
        if (!VERIFIER.matcher(verifier).matches()) {
            return tokenError(400, "invalid_request");
        }
        if (!MessageDigest.isEqual(challengeOf(verifier).getBytes(StandardCharsets.US_ASCII), code.challenge().getBytes(StandardCharsets.US_ASCII))) {
            return tokenError(400, "invalid_grant");
        }
        String refreshToken = random();
        refreshTokens.put(refreshToken, new Refresh(code.clientId(), code.grant()));
        Map<String, Object> body = tokens(code.grant());
        body.put("refresh_token", refreshToken);
        return tokenAnswer(body);
    }

    /** As Cognito without rotation: new id and access tokens, the same refresh token (not sent again). */
    private GatewayResponse refresh(Map<String, String> params) {
        if (params.get("refresh_token") == null) {
            return tokenError(400, "invalid_request");
        }
        Refresh refresh = refreshTokens.get(params.get("refresh_token"));
        if (refresh == null || !refresh.clientId().equals(params.get("client_id"))) {
            return tokenError(400, "invalid_grant");
        }
        return tokenAnswer(tokens(refresh.grant()));
    }

    /** The id token carries the tenant and the groups, as Cognito's does: it is what the apps send to the API. */
    private Map<String, Object> tokens(Grant grant) {
        var request = TokenRequest.of(grant.tenant(), grant.groups()).withSubject(subject(grant)).issuedAt(clock.instant());
        String jwt = issuer.issue(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id_token", jwt);
        body.put("access_token", jwt);
        body.put("expires_in", request.ttl().toSeconds());
        body.put("token_type", "Bearer");
        return body;
    }

    /** Shaped like a Cognito sub and stable per tenant and user, so signing in again is the same person. */
    private static String subject(Grant grant) {
        return UUID.nameUUIDFromBytes(("seatpilot-local-user|" + grant.tenant() + "|" + grant.user()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static GatewayResponse tokenAnswer(Map<String, Object> body) {
        return GatewayResponse.json(200, body).withHeader("cache-control", "no-store").withHeader("pragma", "no-cache");
    }

    private static GatewayResponse tokenError(int status, String error) {
        return GatewayResponse.json(status, Map.of("error", error)).withHeader("cache-control", "no-store");
    }

    // ---- the logout endpoint ----

    private GatewayResponse logout(GatewayRequest request) {
        Map<String, String> params = query(request.rawQuery());
        if (!clientId.equals(params.get("client_id"))) {
            return page(400, "Sign-out error", "<p>error=invalid_request: unknown client_id</p>");
        }
        String logoutUri = params.getOrDefault("logout_uri", "");
        if (!registered(request, logoutUri)) {
            return page(400, "Sign-out error", "<p>error=invalid_request: logout_uri is not registered</p>");
        }
        return new GatewayResponse(302, List.of(Map.entry("location", logoutUri), Map.entry("cache-control", "no-store")), new byte[0]);
    }

    // ---- pages and forms ----

    private static String signInForm(Map<String, String> params) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method")) {
            if (params.containsKey(name)) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(html(params.get(name))).append("\">");
            }
        }
        StringBuilder groups = new StringBuilder();
        for (String group : GROUPS) {
            groups.append("<label><input type=\"checkbox\" name=\"group_").append(group).append("\"")
                    .append("on".equals(params.get("group_" + group)) ? " checked" : "").append("> ").append(group).append("</label> ");
        }
        return "<p>The local stack's stand-in for the hosted sign-in: no password, you say who you are.</p>"
                + "<form method=\"post\" action=\"" + AUTHORIZE + "\">" + hidden
                + "<p><label>Tenant <input name=\"tenant\" required value=\"" + html(params.getOrDefault("tenant", "demo")) + "\"></label></p>"
                + "<p><label>User <input name=\"user\" required value=\"" + html(params.getOrDefault("user", "")) + "\"></label></p>"
                + "<fieldset><legend>Groups</legend>" + groups + "</fieldset>"
                + "<p><button type=\"submit\">Sign in</button></p></form>";
    }

    private static GatewayResponse page(int status, String title, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title) + "</title></head><body><main><h1>"
                + html(title) + "</h1>" + body + "</main></body></html>";
        return new GatewayResponse(status, List.of(Map.entry("content-type", "text/html; charset=utf-8"), Map.entry("cache-control", "no-store")),
                html.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> form(GatewayRequest request) {
        return query(new String(request.body(), StandardCharsets.UTF_8));
    }

    /** Form or query parameters; a name given twice is refused by taking neither (OAuth forbids repeats). */
    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        List<String> repeated = new ArrayList<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            if (params.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)) != null) {
                repeated.add(name);
            }
        }
        repeated.forEach(params::remove);
        return params;
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
