package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.local.template.TemplateException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Route selection with path parameters, greedy paths, ANY and $default, in HTTP API precedence. */
class RouteTableTest {

    private static Route route(String method, String path) {
        return new Route("Api", method, Optional.ofNullable(path).map(PathTemplate::parse), "Fn-" + method + path,
                new Route.RouteAuth.Open());
    }

    private static final RouteTable TABLE = new RouteTable(List.of(
            route("ANY", "/{proxy+}"),
            route("GET", "/v1/events/{eventId}/guests/search"),
            route("PUT", "/v1/events/{eventId}"),
            route("GET", "/v1/events/{eventId}"),
            route("ANY", "/v1/events/{eventId}"),
            route("DELETE", "/v1/devices/{deviceId}/keys/{keyId}"),
            route("GET", "/v1/events/special"),
            route("GET", "/files/{path+}"),
            route("ANY", null)));

    private static String select(String method, String path) {
        return TABLE.match(method, path).map(m -> m.route().routeKey()).orElse("none");
    }

    @Test
    void capturesAndDecodesPathParameters() {
        var match = TABLE.match("DELETE", "/v1/devices/kiosk%201/keys/k.9").orElseThrow();
        assertEquals("DELETE /v1/devices/{deviceId}/keys/{keyId}", match.route().routeKey());
        assertEquals(Map.of("deviceId", "kiosk 1", "keyId", "k.9"), match.pathParameters());
    }

    @Test
    void literalSegmentsBeatVariablesAndExactMethodsBeatAny() {
        assertEquals("GET /v1/events/special", select("GET", "/v1/events/special"));
        assertEquals("GET /v1/events/{eventId}", select("GET", "/v1/events/gala"));
        assertEquals("PUT /v1/events/{eventId}", select("PUT", "/v1/events/gala"));
        assertEquals("ANY /v1/events/{eventId}", select("PATCH", "/v1/events/gala"));
        assertEquals("GET /v1/events/{eventId}/guests/search", select("GET", "/v1/events/gala/guests/search"));
    }

    @Test
    void greedyVariablesTakeOneOrMoreSegmentsAndDefaultCatchesTheRest() {
        assertEquals("GET /files/{path+}", select("GET", "/files/a/b"));
        assertEquals(Map.of("path", "a/b"), TABLE.match("GET", "/files/a/b").orElseThrow().pathParameters());
        assertEquals("ANY /{proxy+}", select("GET", "/files"), "/files alone has no segment for {path+}");
        assertEquals("ANY /{proxy+}", select("POST", "/v1/events/gala/guests/search"));
        assertEquals("$default", select("GET", "/"));
    }

    @Test
    void emptySegmentsDoNotFillVariables() {
        var table = new RouteTable(List.of(route("GET", "/v1/events/{eventId}")));
        assertEquals(Optional.empty(), table.match("GET", "/v1/events/"));
        assertEquals(Optional.empty(), table.match("GET", "/v1/events/gala/more"));
        assertTrue(table.match("GET", "/v1/events/gala").isPresent());
    }

    @Test
    void refusesTwoFunctionsOnOneRouteAndGreedyVariablesInTheMiddle() {
        assertThrows(TemplateException.class, () -> new RouteTable(List.of(route("GET", "/a"), route("GET", "/a"))));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/a/{rest+}/b"));
    }
}
