package io.seatpilot.local.gateway;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the dashboard and the door app read from {@code /config.json}: where the HTTP API and the Ops Live
 * WebSocket API are, and how people sign in. Deployed, {@code bin/publish-sites} writes the same document from the
 * stack's outputs into the sites bucket (with {@code sign_in: "cognito"}); locally the gateway answers it with
 * {@code sign_in: "local"}, as people take their tokens from {@code POST /local/tokens}.
 */
public record SiteConfig(int wsPort, String region, String userPoolId, String userPoolClientId) {

    static final String PATH = "/config.json";
    private static final Pattern PORT = Pattern.compile(":\\d+$");

    GatewayResponse serve(GatewayRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return GatewayResponse.message(405, "Method Not Allowed");
        }
        // The addresses are on the host the page came from (localhost, 127.0.0.1, or the laptop's name for a kiosk
        // on the venue's network), so an app that follows them stays same-origin with the stack, as before it read them.
        String host = request.header("host").orElse("127.0.0.1");
        String hostName = PORT.matcher(host).replaceFirst("");
        // no-cache, as deployed: a redeployed stack's addresses must reach a page at its next load
        return GatewayResponse.json(200, Map.of("api", "http://" + host, "ws", "ws://" + hostName + ":" + wsPort,
                        "region", region, "user_pool_id", userPoolId, "user_pool_client_id", userPoolClientId, "sign_in", "local"))
                .withHeader("cache-control", "no-cache");
    }
}
