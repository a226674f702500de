package io.seatpilot.local.it.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.local.LocalStack;
import io.seatpilot.local.gateway.Route;
import io.seatpilot.local.gateway.TokenRequest;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.it.robustness.Calls.Credential;
import io.seatpilot.local.it.robustness.Calls.Request;
import io.seatpilot.local.it.robustness.Calls.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * SPEC §13/§14 on every route of template.yaml (read from the running stack, not listed here): each try sends one
 * random request to every route twice — once without a credential (random or malformed authorization and
 * signature headers), once with a valid credential of a role the route accepts (admin JWT; a signed kiosk on
 * the door and ingest routes) — with random path parameter values (very long, unicode, {@code ..}, {@code %00},
 * reserved characters), random query values (huge, negative, non-numeric, repeated), random content-type and
 * x-request-id, and random, truncated or mutated JSON bodies. No answer may be a 5xx, and every refusal is
 * problem+json with a reason (or API Gateway's own {@code {"message"}} for 401/403/404/413). A 429 from the
 * SPEC §14 rate limits is such a refusal. The seed is fixed, so a run is repeatable; 25 tries × 2 × every route (about 30 s here).
 */
class RouteRobustnessTest {

    private static final String EVENT = "fz-one";
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    private static LocalStack stack;
    private static Party party;
    private static List<Route> routes;

    @BeforeContainer
    static void setUp() {
        stack = SharedStack.get();
        party = Party.create(stack, "fuzz-routes", "kf", List.of(EVENT));
        routes = List.copyOf(stack.routes());
    }

    /** One random request for one route: path parameter values, query, body and headers. */
    record Fuzz(Map<String, String> parameters, String query, Body body, Map<String, String> headers,
                Map<String, String> safeHeaders) {
    }

    /** A body: none, or the bytes to send. */
    record Body(byte[] bytes) {
        @Override
        public String toString() {
            return bytes == null ? "<none>" : new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.UTF_8)
                    + (bytes.length > 300 ? "… (" + bytes.length + " bytes)" : "");
        }
    }

    @Property(tries = 25, seed = "20260611", shrinking = ShrinkingMode.OFF)
    void everyRouteAnswersWithinTheContract(@ForAll("rounds") List<Fuzz> round) {
        String kioskDevice = "fuzz-kiosk-" + UUID.randomUUID().toString().substring(0, 8);
        Tenant.Key kiosk = party.tenant.issueKey(kioskDevice, "kiosk");
        // another subject per try, so the per-user rate limits of SPEC §14 are not what every answer is about
        String admin = stack.tokens().issue(TokenRequest.of(party.tenant.id(), List.of("admin"))
                .withSubject("fuzz-admin-" + UUID.randomUUID()));
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            Fuzz fuzz = round.get(i);
            RouteRules.Rule rule = RouteRules.of(route);
            Request base = request(route, fuzz);

            Request anonymous = new Request(base.method(), base.path(), base.query(), base.body(), fuzz.headers());
            check(route, "without a valid credential", anonymous, Credential.NONE, violations);

            Credential valid = rule.capability() ? Credential.NONE
                    : rule.deviceOnly() || route.auth() instanceof Route.RouteAuth.Open && i % 2 == 0
                    ? Credential.key(kiosk.signer()) : Credential.token(admin);
            Request credentialed = new Request(base.method(), base.path(), base.query(), base.body(), fuzz.safeHeaders());
            check(route, "with a valid credential", credentialed, valid, violations);
        }
        assertTrue(violations.isEmpty(), () -> violations.size() + " answers break SPEC §13:\n" + String.join("\n", violations));
    }

    private static void check(Route route, String how, Request request, Credential credential, List<String> violations) {
        Api.Answer answer;
        try {
            answer = Calls.send(party.tenant.api(), request, credential);
        } catch (RuntimeException e) {
            violations.add(route.routeKey() + " " + how + ": no answer (" + e + ") to " + request);
            return;
        }
        Statistics.label("answers " + how).collect(answer.status() / 100 + "xx");
        Statistics.label("refusals").collect(String.valueOf(Answers.reason(answer)));
        Answers.violation(answer).ifPresent(v -> violations.add(route.routeKey() + " " + how + ": " + v + " — "
                + answer.status() + " " + answer.contentType() + " " + answer.body() + " — to " + request));
    }

    private static Request request(Route route, Fuzz fuzz) {
        String template = route.path().orElseThrow().text();
        Matcher m = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(fuzz.parameters().getOrDefault(m.group(1), "x")));
        }
        m.appendTail(path);
        return new Request(route.method(), path.toString(), fuzz.query(), fuzz.body().bytes(), Map.of());
    }

    // ---- generators ----

    @Provide
    Arbitrary<List<Fuzz>> rounds() {
        List<Arbitrary<Fuzz>> perRoute = new ArrayList<>();
        for (Route route : routes) {
            perRoute.add(fuzz(route));
        }
        return Combinators.combine(perRoute).as(list -> list);
    }

    private static Arbitrary<Fuzz> fuzz(Route route) {
        Request wellFormed = Calls.wellFormed(route, new Target(party.tenant.id(), party.event(EVENT)));
        Map<String, String> real = realParameters();
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(route.path().orElseThrow().text());
        while (m.find()) {
            names.add(m.group(1));
        }
        Arbitrary<Map<String, String>> parameters = Arbitraries.just(Map.<String, String>of());
        for (String name : names) {
            parameters = parameters.flatMap(map -> pathValue(real.getOrDefault(name, "x")).map(value -> {
                Map<String, String> next = new LinkedHashMap<>(map);
                next.put(name, value);
                return next;
            }));
        }
        return Combinators.combine(parameters, query(wellFormed.query()), body(wellFormed.body()), headers(), safeHeaders())
                .as(Fuzz::new);
    }

    private static Map<String, String> realParameters() {
        Party.Event e = party.event(EVENT);
        return Map.of("eventId", e.id(), "checkinId", e.checkinId(), "alertId", e.alertId(), "exitId", e.exitId(),
                "pointId", e.pointId(), "token", e.pass(), "deviceId", e.deviceId(), "keyId", e.keyId(), "id", e.quarantineId(),
                "guestId", e.spareGuest());
    }

    /** Raw path segments: the real id, or something a client should never send. Already URI-legal. */
    static Arbitrary<String> pathValue(String real) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Calls.encode(real))),
                net.jqwik.api.Tuple.of(3, Arbitraries.of("..", ".", "%2e%2e", "%00", "a%00b", "%2F", "..%2F..%2Fetc%2Fpasswd",
                        "%25", "%ff", "%C0%AE", "%0D%0A", "%20", "+", ";", "a;b=c", "@", "$", "!", "'", "(", ")", "*", ",",
                        "=", "~", ":", "null", "undefined", "0", "-1", "99999999999999999999", "%7B%7D", "%22%3E%3Cscript%3E",
                        Calls.encode(real) + "%00", Calls.encode(real).toUpperCase(), Calls.encode(real) + "..")),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40).map(Calls::encode)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().alpha().numeric().ofMinLength(200).ofMaxLength(3000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("éñ€😀日本").ofMinLength(100).ofMaxLength(400).map(Calls::encode)));
    }

    private static Arbitrary<String> query(String wellFormed) {
        Arbitrary<String> name = Arbitraries.of("from", "to", "step", "limit", "reason", "q", "next", "lang", "tenant_id",
                "events", "x");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("99999999999999999999", "-1", "-9223372036854775808", "9223372036854775807", "0", "abc", "",
                        "1e9", "0x10", "NaN", "%00", "1.5", "%E2%80%AE", "..%2F", String.valueOf(System.currentTimeMillis()),
                        String.valueOf(System.currentTimeMillis() + Duration.ofDays(3650).toMillis())),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().all().ofMaxLength(30).map(Calls::encode),
                Arbitraries.strings().alpha().ofMinLength(500).ofMaxLength(2000));
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
        Arbitrary<String> random = pair.list().ofMaxSize(5).map(pairs -> String.join("&", pairs));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(wellFormed)),
                net.jqwik.api.Tuple.of(3, random),
                // repeated: the same name twice or more
                net.jqwik.api.Tuple.of(1, Combinators.combine(name, value.list().ofMinSize(2).ofMaxSize(4))
                        .as((n, vs) -> String.join("&", vs.stream().map(v -> n + "=" + v).toList()))));
    }

    private static Arbitrary<Body> body(byte[] sample) {
        String valid = sample == null ? "{\"x\":1}" : new String(sample, StandardCharsets.UTF_8);
        Arbitrary<String> truncated = Arbitraries.integers().between(0, valid.length()).map(n -> valid.substring(0, n));
        Arbitrary<String> mutated = Arbitraries.integers().between(0, valid.length() - 1)
                .flatMap(i -> Arbitraries.oneOf(Arbitraries.chars().ascii().map(String::valueOf),
                                Arbitraries.of("\"", "{", "[", "null", "-1", "1e400", "1E67312000000", "99999999999999999999", "\u0000", "\\u0000", "é"))
                        .map(c -> valid.substring(0, i) + c + valid.substring(i + 1)));
        Arbitrary<String> json = jsonValue(3);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Body(null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Body(sample))),
                net.jqwik.api.Tuple.of(3, truncated.map(RouteRobustnessTest::body)),
                net.jqwik.api.Tuple.of(3, mutated.map(RouteRobustnessTest::body)),
                net.jqwik.api.Tuple.of(2, json.map(RouteRobustnessTest::body)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(300).map(RouteRobustnessTest::body)),
                // over every route's limit (SPEC §4: 256 KiB for a batch), and a long string in an otherwise fine body
                net.jqwik.api.Tuple.of(1, Arbitraries.of(300_000, 70_000).map(n -> body("{\"x\":\"" + "a".repeat(n) + "\"}"))));
    }

    private static Body body(String text) {
        return new Body(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Random JSON: objects with the contract's field names, arrays, huge and negative numbers, odd strings. */
    private static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1", "1e400", "1E67312000000", "-9223372036854775809", "99999999999999999999",
                        "1.5", "\"\"", "\"\\u0000\"", "\"" + "z".repeat(2000) + "\"", "\"2026-01-01\"",
                        "\"" + UUID.randomUUID() + "\"", "\"ALERT\"", "\"qr\""),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().all().ofMaxLength(20).map(s -> io.seatpilot.core.json.Json.write(s)));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> key = Arbitraries.of("tenant_id", "checkin_id", "pass", "guest_id", "guest_ids", "mode",
                "scanned_at", "table_id", "arrived_at", "confirm_mode", "level", "message", "zone", "status", "version",
                "moves", "locks", "relations", "must_apart", "time_limit_ms", "keep_current", "weights", "guests", "tables",
                "households", "device_id", "role", "events", "expires_at", "name", "kind", "zones", "exits", "id",
                "schema_version", "event_id", "event_name", "ts_ms", "payload", "event_meta", "x");
        Arbitrary<String> object = Combinators.combine(key, jsonValue(depth - 1)).as((k, v) -> "\"" + k + "\":" + v)
                .list().ofMaxSize(6).map(members -> "{" + String.join(",", members) + "}");
        Arbitrary<String> array = jsonValue(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, scalar), net.jqwik.api.Tuple.of(3, object),
                net.jqwik.api.Tuple.of(1, array));
    }

    /** Malformed or foreign credentials and odd headers, any subset. Values stay visible ASCII (what HTTP carries). */
    private static Arbitrary<Map<String, String>> headers() {
        long now = System.currentTimeMillis();
        String otherTenant = stack.issueToken("fuzz-elsewhere", List.of("admin"), List.of());
        String expired = stack.tokens().issue(TokenRequest.of(party.tenant.id(), List.of("admin"))
                .issuedAt(Instant.now().minus(Duration.ofHours(3))));
        String foreign = stack.tokens().issueSignedByForeignKey(TokenRequest.of(party.tenant.id(), List.of("admin")));
        String noRoles = stack.issueToken(party.tenant.id(), List.of("superuser"), List.of());
        String valid = party.admin();
        Map<String, Arbitrary<String>> values = new LinkedHashMap<>();
        values.put("authorization", Arbitraries.oneOf(
                Arbitraries.of("Bearer ", "Bearer", "Basic dXNlcjpwYXNz", "Bearer a.b.c", "Bearer " + valid.substring(0, valid.length() / 2),
                        "Bearer " + valid + "x", "bearer " + expired, "Bearer " + foreign, "Bearer " + otherTenant,
                        "Bearer " + noRoles, "Bearer eyJhbGciOiJub25lIn0.eyJ0ZW5hbnRfaWQiOiJ4In0.", valid),
                printable(300).map(s -> "Bearer " + s)));
        values.put("x-key", Arbitraries.oneOf(Arbitraries.of("", "k", party.kiosk.keyId(), party.kiosk.keyId() + "x"), printable(200)));
        values.put("x-ts", Arbitraries.of(String.valueOf(now), "", "abc", "-1", "0", "99999999999999999999", " 123",
                String.valueOf(now - 600_000), String.valueOf(now + 600_000), "1e3", "9223372036854775807"));
        values.put("x-nonce", Arbitraries.oneOf(Arbitraries.of("", "short", "a".repeat(65), "bad chars!! bad chars!!",
                UUID.randomUUID().toString()), printable(100)));
        values.put("x-sig", Arbitraries.oneOf(Arbitraries.of("", "ZZ", "0".repeat(64), "A".repeat(64)),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64)));
        values.put("content-type", contentType());
        values.put("x-request-id", requestId());
        return subsetOf(values);
    }

    /** Headers that leave a valid credential valid: content-type and x-request-id. */
    private static Arbitrary<Map<String, String>> safeHeaders() {
        Map<String, Arbitrary<String>> values = new LinkedHashMap<>();
        values.put("content-type", contentType());
        values.put("x-request-id", requestId());
        return subsetOf(values);
    }

    private static Arbitrary<String> contentType() {
        return Arbitraries.of("application/json", "application/json; charset=utf-8", "application/json; charset=utf-16",
                "text/csv", "text/plain", "", "garbage", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "application/problem+json", "*/*");
    }

    private static Arbitrary<String> requestId() {
        return Arbitraries.oneOf(Arbitraries.of("", "<script>", "a b", "../../", "%00", UUID.randomUUID().toString(),
                "x".repeat(500)), printable(200));
    }

    private static Arbitrary<String> printable(int max) {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(max).map(String::strip);
    }

    private static Arbitrary<Map<String, String>> subsetOf(Map<String, Arbitrary<String>> values) {
        Arbitrary<Map<String, String>> headers = Arbitraries.just(Map.of());
        for (var entry : values.entrySet()) {
            headers = headers.flatMap(map -> Arbitraries.oneOf(Arbitraries.just(map), entry.getValue().map(v -> {
                Map<String, String> next = new HashMap<>(map);
                next.put(entry.getKey(), v);
                return next;
            })));
        }
        return headers;
    }
}
