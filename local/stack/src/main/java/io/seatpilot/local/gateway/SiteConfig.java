package io.seatpilot.local.gateway;

import java.net.URI;
import java.util.Map;

/**
 * What the dashboard and the door app read from {@code /config.json}: where the HTTP API and the Ops Live
 * WebSocket API are, and how people sign in. Deployed, {@code bin/publish-sites} writes the same document from the
 * stack's outputs into the sites bucket (with {@code sign_in: "cognito"}); locally the gateway answers it with
 * {@code sign_in: "local"}, as people take their tokens from {@code POST /local/tokens}.
 */
public record SiteConfig(URI api, URI ws, String region, String userPoolId, String userPoolClientId, String signIn) {

    static final String PATH = "/config.json";

    GatewayResponse serve(GatewayRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return GatewayResponse.message(405, "Method Not Allowed");
        }
        // no-cache, as deployed: a redeployed stack's addresses must reach a page at its next load
        return GatewayResponse.json(200, Map.of("api", api.toString(), "ws", ws.toString(), "region", region,
                        "user_pool_id", userPoolId, "user_pool_client_id", userPoolClientId, "sign_in", signIn))
                .withHeader("cache-control", "no-cache");
    }
}
