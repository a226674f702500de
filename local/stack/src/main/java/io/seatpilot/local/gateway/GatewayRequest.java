package io.seatpilot.local.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An incoming HTTP request as the gateway sees it: header names lower-cased (HTTP names are case-insensitive
 * and API Gateway hands them on lower-cased), each with all of its values.
 */
record GatewayRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
                      String sourceIp, int localPort, String protocol) {

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).filter(values -> !values.isEmpty()).map(values -> String.join(",", values));
    }
}
