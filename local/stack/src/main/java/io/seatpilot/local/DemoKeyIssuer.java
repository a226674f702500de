package io.seatpilot.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatpilot.local.gateway.LocalTokenIssuer;
import io.seatpilot.local.gateway.TokenRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issues the demo device key the way an operator would: as an admin of the demo tenant, through
 * {@code POST /v1/devices} on the stack's own HTTP API, so the whole path (gateway, authorizer, admin function,
 * KMS, DynamoDB) is exercised before anyone types a command.
 */
final class DemoKeyIssuer {

    static final String TENANT = "demo";
    static final String DEVICE = "demo-kiosk-1";

    private final URI api;
    private final LocalTokenIssuer tokens;
    private final ObjectMapper json = new ObjectMapper();

    DemoKeyIssuer(URI api, LocalTokenIssuer tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    /** The key, or why there is none (the admin function may not exist yet, or may refuse). */
    Result issue() {
        String token = tokens.issue(TokenRequest.of(TENANT, List.of("admin")));
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve("/v1/devices"))
                            .timeout(Duration.ofSeconds(30))
                            .header("authorization", "Bearer " + token)
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                                    Map.of("device_id", DEVICE, "role", "kiosk"))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.statusCode() / 100 == 2 ? json.readTree(response.body()) : null;
            if (body == null || !body.path("key_id").isTextual() || !body.path("secret").isTextual()) {
                return new Result(Optional.empty(), "POST /v1/devices answered " + response.statusCode() + " " + response.body());
            }
            return new Result(Optional.of(new DemoDeviceKey(TENANT, DEVICE, body.get("key_id").asText(),
                    body.get("secret").asText())), "");
        } catch (IOException e) {
            return new Result(Optional.empty(), "POST /v1/devices failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Optional.empty(), "interrupted");
        }
    }

    record Result(Optional<DemoDeviceKey> key, String problem) {
    }
}
