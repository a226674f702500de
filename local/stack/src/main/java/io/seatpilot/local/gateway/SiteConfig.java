package io.seatpilot.local.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the dashboard and the door app read from {@code /config.json}: where the HTTP API and the Ops Live
 * WebSocket API are, and how people sign in. Deployed, {@code bin/publish-sites} writes the same document from the
 * stack's outputs into the sites bucket (with {@code sign_in: "cognito"}); locally the gateway answers it with
 * {@code sign_in: "local"}, as people take their tokens from {@code POST /local/tokens}. Asked with
 * {@code ?signin=hosted} it offers the hosted sign-in's stand-in instead ({@link HostedSignIn}): {@code sign_in:
 * "hosted"} and an {@code auth} block shaped like the deployed one, so the apps' real sign-in path runs locally.
 *
 * @param issuer the issuer of the local tokens: the id tokens' {@code iss}, which the apps check
 */
public record SiteConfig(int wsPort, String region, String userPoolId, String userPoolClientId, String issuer) {

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
        Map<String, Object> config = new LinkedHashMap<>(Map.of("api", "http://" + host, "ws", "ws://" + hostName + ":" + wsPort,
                "region", region, "user_pool_id", userPoolId, "user_pool_client_id", userPoolClientId, "sign_in", "local"));
        if (("&" + request.rawQuery() + "&").contains("&signin=hosted&")) {
            String base = "http://" + host;
            config.put("sign_in", "hosted");
            config.put("auth", Map.of("issuer", issuer, "authorize", base + HostedSignIn.AUTHORIZE, "token", base + HostedSignIn.TOKEN,
                    "logout", base + HostedSignIn.LOGOUT, "client_id", userPoolClientId, "scope", HostedSignIn.SCOPE));
        }
        // no-cache, as deployed: a redeployed stack's addresses must reach a page at its next load
        return GatewayResponse.json(200, config).withHeader("cache-control", "no-cache");
    }
}
