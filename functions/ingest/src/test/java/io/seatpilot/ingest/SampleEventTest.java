package io.seatpilot.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.devices.DeviceKey;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.signing.SignedRequestVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sample gateway event (a staged deployment: its raw path carries "/dev") maps to the contract path the
 * kiosk signed, so the first signing vector verifies against it.
 */
class SampleEventTest {

    @Test
    void aStagedGatewayEventVerifiesAgainstTheUnstagedPath() {
        Path sample = Path.of(System.getProperty("seatpilot.repo.root"), "events/lambda/ingest-post-events.json");
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(sample.toString());
        ApiRequest request = ApiRequest.from(event);
        assertEquals("/v1/events", request.path());
        assertEquals("POST /v1/events", request.routeKey());

        String keyId = request.header("x-key").orElseThrow();
        var key = new DeviceKey("demo", keyId, "door-1", Role.KIOSK, Set.of(), 0, null, null);
        var verifier = new SignedRequestVerifier((t, k) -> Optional.of(key),
                (t, k) -> "q3v9Xk2_LmZpR7sT-wYbN4cD8eF1gH5jK0aQ6uVxI2o", (t, k, n, e) -> true,
                Clock.fixed(Instant.ofEpochMilli(1767312000000L), ZoneOffset.UTC));
        assertEquals("door-1", verifier.verify(request, 256 * 1024).deviceId());
    }
}
