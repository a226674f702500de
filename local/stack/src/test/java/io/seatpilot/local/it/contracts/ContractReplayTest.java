package io.seatpilot.local.it.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.gateway.HttpApiGateway;
import io.seatpilot.local.gateway.Route;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.local.websocket.SocketClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays what really crossed the local stack's HTTP gateway against openapi.yaml, and what its Ops Live socket
 * sent meanwhile against asyncapi.yaml. A representative day
 * ({@link Day}: set-up, devices, signed ingest and its refusals, the quarantine and its replay, check-in with its
 * refusals, counting, the door list, check-out, search, arrival, undo, the pass view and the guest's pages, RSVP,
 * seating, walk-ins and re-seats, safety and incidents, Ops Live's snapshot, KPIs, the audit) is
 * played through the gateway while a recorder keeps every request and answer; then each answer is checked
 * against the document's response for its operation and status, and each request the server took against the
 * operation's request body. An answer the document does not describe — an undocumented status, a missing
 * required field, a wrong type, a reason code the route does not list — fails the test, naming the exchange.
 */
class ContractReplayTest {

    /** Marks this class's requests: other test classes share the stack and may run meanwhile. */
    private static final String MARK = "x-contract-replay";

    private static final Duration QUIET = Duration.ofSeconds(3);

    private static final List<HttpApiGateway.Exchange> recorded = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> live = new ArrayList<>();
    private static LocalStack stack;

    @BeforeAll
    static void playTheDay() {
        stack = SharedStack.get();
        String run = UUID.randomUUID().toString();
        stack.observeHttp(exchange -> {
            if (exchange.requestHeaders().getOrDefault(MARK, List.of()).contains(run)) {
                recorded.add(exchange);
            }
        });
        Tenant plain = Tenant.create("contract");
        Tenant tenant = new Tenant(stack, new Api(stack.httpEndpoint(), Map.of(MARK, run)), plain.id(), plain.adminToken());
        try (SocketClient ops = SocketClient.connect(URI.create(stack.wsEndpoint() + "/?token="
                + URLEncoder.encode(tenant.token("ops"), StandardCharsets.UTF_8)))) {
            new Day(tenant).play(() -> {
                live.add(ops.ask("{\"action\":\"subscribe\",\"event\":\"" + Day.EVENT + "\"}"));
                live.add(ops.ask("{\"action\":\"subscribe\",\"event\":\"no-such-party\"}"));
            });
            // what the day pushed, until the socket has been quiet for a while (the KPI rollup comes last)
            // the rollup pushes `kpi` only for events the KPI facts function (a stream consumer) has marked; under load
            // the mark can come after the day's own rollup run, so a quiet socket without it runs the rollup again
            long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (live.size() < 1_000) {
                var message = ops.poll(QUIET);
                if (message.isPresent()) {
                    live.add(message.get());
                } else if (live.stream().anyMatch(text -> text.contains("\"type\":\"kpi\"")) || System.nanoTime() > giveUp) {
                    break;
                } else {
                    stack.triggerSchedule("KpiRollupFunction");
                }
            }
            live.add(ops.ask("{\"action\":\"ping\"}"));
            live.add(ops.ask("{\"action\":\"unsubscribe\",\"event\":\"" + Day.EVENT + "\"}"));
        }
    }

    @Test
    void everyRecordedAnswerIsOneTheDocumentDescribes() {
        var contract = OpenApiContract.load();
        List<String> contradictions = new ArrayList<>();
        synchronized (recorded) {
            recorded.forEach(exchange -> contract.check(exchange).ifPresent(contradictions::add));
        }
        assertTrue(contradictions.isEmpty(), () -> contradictions.size() + " of " + recorded.size()
                + " recorded answers contradict openapi.yaml:\n" + String.join("\n", contradictions));
    }

    /**
     * Every message the Ops Live socket sent during the day — answers and pushed messages — is one asyncapi.yaml
     * describes: a message whose {@code name} is its {@code type}, whose payload schema it satisfies.
     */
    @Test
    void everyLiveMessageIsOneTheAsyncApiDocumentDescribes() {
        Contracts asyncApi = Contracts.asyncApi();
        Map<String, String> byType = new TreeMap<>();
        asyncApi.document().path("components").path("messages").fields().forEachRemaining(message ->
                byType.put(message.getValue().path("name").asText(), message.getKey()));
        List<String> contradictions = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (String text : live) {
            JsonNode message = Contracts.json(text.getBytes(StandardCharsets.UTF_8));
            String type = message == null ? null : message.path("type").asText(null);
            if (type == null || !byType.containsKey(type)) {
                contradictions.add("no message of type " + type + " in asyncapi.yaml: " + text);
                continue;
            }
            seen.add(type);
            var violations = asyncApi.validate("/components/messages/" + Contracts.escape(byType.get(type)) + "/payload", message);
            if (!violations.isEmpty()) {
                contradictions.add(type + ": " + violations + " in " + (text.length() > 600 ? text.substring(0, 600) + "…" : text));
            }
        }
        assertEquals(List.of(), contradictions);
        // what the day makes happen must have been seen, so the check above judged each kind at least once
        assertTrue(seen.containsAll(Set.of("subscribed", "error", "pong", "unsubscribed", "checkin", "checkin_undone", "arrival",
                "alert", "alert_ack", "exit", "muster", "kpi", "reseat")), () -> "seen only " + seen);
    }

    /** The judge itself can fail: answers that contradict the document are named. */
    @Test
    void aContradictingAnswerIsCaught() {
        var contract = OpenApiContract.load();
        byte[] none = new byte[0];
        var undocumentedStatus = new HttpApiGateway.Exchange("GET /v1/events/{eventId}/kpis", "GET", "/v1/events/e-1/kpis", "", Map.of(),
                none, 418, "application/json", "{}".getBytes());
        var missingField = new HttpApiGateway.Exchange("POST /v1/events", "POST", "/v1/events", "", Map.of(), none, 202,
                "application/json", "{\"status\":\"accepted\"}".getBytes());
        var unlistedReason = new HttpApiGateway.Exchange("GET /v1/passes/{token}", "GET", "/v1/passes/x", "", Map.of(), none, 404,
                "application/problem+json", "{\"type\":\"https://seatpilot.io/problems/not_found\",\"title\":\"Not found\",\"status\":404,\"reason\":\"not_found\"}".getBytes());
        var pageAsJson = new HttpApiGateway.Exchange("GET /p/{token}", "GET", "/p/x", "", Map.of(), none, 200, "application/json",
                "{}".getBytes());
        assertTrue(contract.check(undocumentedStatus).isPresent());
        assertTrue(contract.check(pageAsJson).orElseThrow().contains("media type"));
        assertTrue(contract.check(missingField).orElseThrow().contains("accepted"));
        assertTrue(contract.check(unlistedReason).orElseThrow().contains("reason"));
    }

    /** The day reaches every route of the template, so no route's document goes unchecked against real answers. */
    @Test
    void theDayCoversEveryRoute() {
        Set<String> replayed;
        synchronized (recorded) {
            replayed = recorded.stream().map(HttpApiGateway.Exchange::routeKey).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> routes = stack.routes().stream().map(Route::routeKey).collect(Collectors.toCollection(TreeSet::new));
        routes.removeAll(replayed);
        assertEquals(Set.of(), routes, "routes the replay never called");
    }
}
