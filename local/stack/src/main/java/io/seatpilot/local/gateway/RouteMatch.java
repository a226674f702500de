package io.seatpilot.local.gateway;

import java.util.Map;

/** The route a request selected and the path parameters it captured. */
public record RouteMatch(Route route, Map<String, String> pathParameters) {
}
