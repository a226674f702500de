package io.seatpilot.assign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.observability.Metrics;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Refusals decided from the request alone: they must come before any read, so the store here is backed by a
 * DynamoDB client that fails on every call. What needs stored data is tested through the local stack.
 */
class SeatingRoutesTest {

    private final SeatingRoutes routes = new SeatingRoutes(new SeatingStore(untouchable(), "data"), Clock.systemUTC(),
            new Metrics("SeatPilot", "assign"));

    private static DynamoDbClient untouchable() {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    throw new AssertionError("storage touched: " + method.getName());
                });
    }

    private static ApiRequest request(String roles, String event, String body, String events) {
        Map<String, String> claims = events == null
                ? Map.of("sub", "u1", "tenant_id", "acme", "roles", roles)
                : Map.of("sub", "u1", "tenant_id", "acme", "roles", roles, "events", events);
        return new ApiRequest("POST /v1/events/{eventId}/seating/solve", "POST", "/v1/events/" + event + "/seating/solve",
                Map.of(), body.getBytes(StandardCharsets.UTF_8), Map.of(), Map.of("eventId", event), claims, "r1");
    }

    private String refusal(Function<ApiRequest, ApiResponse> route, ApiRequest request) {
        ApiException refused = assertThrows(ApiException.class, () -> route.apply(request));
        return refused.problem().status() + " " + refused.problem().reason()
                + (refused.problem().field() == null ? "" : " " + refused.problem().field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[viewer]", "[staff]", "[ops]", "[ops staff viewer]", "[]"})
    void rolesWithoutSeatingAreRefusedOnEveryRoute(String roles) {
        ApiRequest request = request(roles, "gala-1", "{}", null);
        List<Function<ApiRequest, ApiResponse>> all = List.of(routes::solve, routes::get, routes::moves, routes::locks,
                routes::relations, routes::publish);
        for (Function<ApiRequest, ApiResponse> route : all) {
            assertEquals("403 forbidden", refusal(route, request));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[admin]", "[planner]"})
    void aUserLimitedToOtherEventsIsRefused(String roles) {
        assertEquals("403 forbidden", refusal(routes::get, request(roles, "gala-1", "", "[wedding-2]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AB", "x", "has space", "UPPER-case"})
    void malformedEventIdsAreNotFound(String event) {
        assertEquals("404 not_found", refusal(routes::get, request("[planner]", event, "", null)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "solve|{\"time_limit_ms\": 0}|time_limit_ms",
            "solve|{\"time_limit_ms\": 20001}|time_limit_ms",
            "solve|{\"time_limit_ms\": \"2000\"}|time_limit_ms",
            "solve|{\"time_limit_ms\": 1.5}|time_limit_ms",
            "solve|{\"keep_current\": \"yes\"}|keep_current",
            "solve|{\"weights\": {\"vip\": -1}}|weights",
            "solve|{\"weights\": {\"pairs\": 3}}|weights",
            "solve|{\"weights\": [1, 2]}|weights",
            "moves|{\"moves\": [{\"guest\": \"g1\", \"table\": \"T1\"}]}|version",
            "moves|{\"version\": 0, \"moves\": [{\"guest\": \"g1\", \"table\": \"T1\"}]}|version",
            "moves|{\"version\": 3}|moves",
            "moves|{\"version\": 3, \"moves\": []}|moves",
            "moves|{\"version\": 3, \"moves\": [{\"guest\": \"g1\"}]}|moves",
            "relations|{\"relations\": [{\"a\": \"g1\", \"b\": \"g2\"}]}|relations",
            "relations|{\"relations\": [{\"a\": \"g1\", \"b\": \"g2\", \"weight\": \"high\"}]}|relations",
            "relations|{\"must_apart\": [[\"g1\", \"g2\", \"g3\"]]}|must_apart",
            "relations|{\"must_apart\": {\"g1\": \"g2\"}}|must_apart",
            "locks|{}|locks",
            "locks|{\"locks\": {\"g1\": \"T1\"}}|locks",
            "locks|{\"locks\": [{\"table\": \"T1\"}]}|locks",
            "publish|{\"version\": -2}|version",
            "publish|{}|version"})
    void badBodiesNameTheField(String route, String body, String field) {
        Function<ApiRequest, ApiResponse> handler = switch (route) {
            case "solve" -> routes::solve;
            case "moves" -> routes::moves;
            case "relations" -> routes::relations;
            case "locks" -> routes::locks;
            case "publish" -> routes::publish;
            default -> throw new IllegalArgumentException(route);
        };
        assertEquals("422 validation_failed " + field, refusal(handler, request("[planner]", "gala-1", body, null)));
    }

    @org.junit.jupiter.api.Test
    void listsOverTheirBoundAreRefusedBeforeAnyRead() {
        String lock = "{\"guest\":\"g1\",\"table\":\"T1\"}";
        assertEquals("413 payload_too_large locks", refusal(routes::locks,
                request("[planner]", "gala-1", "{\"locks\":[" + String.join(",", java.util.Collections.nCopies(3_001, lock)) + "]}", null)));
        assertEquals("413 payload_too_large moves", refusal(routes::moves,
                request("[planner]", "gala-1", "{\"version\":1,\"moves\":[" + String.join(",", java.util.Collections.nCopies(3_001, lock)) + "]}", null)));
        String relation = "{\"a\":\"g1\",\"b\":\"g2\",\"weight\":1}";
        assertEquals("413 payload_too_large relations", refusal(routes::relations,
                request("[planner]", "gala-1", "{\"relations\":[" + String.join(",", java.util.Collections.nCopies(10_001, relation)) + "]}", null)));
        assertEquals("413 payload_too_large must_apart", refusal(routes::relations,
                request("[planner]", "gala-1", "{\"must_apart\":[" + String.join(",", java.util.Collections.nCopies(10_001, "[\"g1\",\"g2\"]")) + "]}", null)));
    }
}
