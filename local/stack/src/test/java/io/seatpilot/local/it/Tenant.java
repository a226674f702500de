package io.seatpilot.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.core.signing.RequestSigner;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.gateway.TokenRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A fresh tenant on the shared stack, with an admin and helpers to issue device keys through the API. */
public record Tenant(LocalStack stack, Api api, String id, String adminToken) {

    public record Key(String keyId, String secret) {
        public RequestSigner signer() {
            return new RequestSigner(keyId, secret);
        }
    }

    public static Tenant create(String prefix) {
        return on(SharedStack.get(), prefix);
    }

    public static Tenant on(LocalStack stack, String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new Tenant(stack, new Api(stack.httpEndpoint()), id, stack.issueToken(id, List.of("admin"), List.of()));
    }

    public String token(String... roles) {
        return stack.issueToken(id, List.of(roles), List.of());
    }

    /**
     * The token of the door volunteer who makes the {@code n}-th check-in of a test: one person per five check-ins.
     * SPEC §14 allows each user 10 check-ins per 10 s: tests that check many guests in at once staff the door with
     * room to spare, rather than exactly at the limit.
     */
    public String volunteer(int n, String role) {
        return stack.tokens().issue(TokenRequest.of(id, List.of(role)).withSubject("volunteer-" + (n / 5)));
    }

    public Key issueKey(String deviceId, String role) {
        return issueKey(deviceId, role, List.of());
    }

    /** A key limited to {@code events} (none: every event of the tenant). */
    public Key issueKey(String deviceId, String role, List<String> events) {
        var answer = api.withToken(adminToken, "POST", "/v1/devices", events.isEmpty()
                ? Map.of("device_id", deviceId, "role", role)
                : Map.of("device_id", deviceId, "role", role, "events", events));
        assertEquals(201, answer.status(), answer.body());
        return new Key(answer.json().get("key_id").asText(), answer.json().get("secret").asText());
    }

    public Key kioskKey() {
        return issueKey("kiosk-" + UUID.randomUUID().toString().substring(0, 6), "kiosk");
    }
}
