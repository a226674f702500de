package io.seatpilot.local.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders JWT claims the way the HTTP API's JWT authorizer hands them to a function: every value becomes a
 * string; arrays become {@code [a b]} and objects {@code map[k:v]} (the gateway formats them like Go's fmt),
 * numbers keep their digits. Functions that parse claims must cope with exactly this.
 */
final class GatewayClaims {

    private GatewayClaims() {
    }

    static Map<String, String> render(Map<String, Object> claims) {
        Map<String, String> rendered = new LinkedHashMap<>();
        claims.forEach((name, value) -> rendered.put(name, value(value)));
        return rendered;
    }

    private static String value(Object value) {
        return switch (value) {
            case null -> "";
            case List<?> list -> list.stream().map(GatewayClaims::value).collect(Collectors.joining(" ", "[", "]"));
            case Map<?, ?> map -> new TreeMap<>(map).entrySet().stream()
                    .map(entry -> entry.getKey() + ":" + value(entry.getValue()))
                    .collect(Collectors.joining(" ", "map[", "]"));
            case Double number when number == Math.rint(number) && !Double.isInfinite(number) -> String.valueOf(number.longValue());
            default -> String.valueOf(value);
        };
    }
}
