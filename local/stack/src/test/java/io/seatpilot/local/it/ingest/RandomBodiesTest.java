package io.seatpilot.local.it.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Correctly signed but random or truncated bodies never produce a 5xx from the running stack. */
class RandomBodiesTest {

    private static Tenant tenant;
    private static Tenant.Key kiosk;
    private static String valid;

    @BeforeContainer
    static void setUp() {
        tenant = Tenant.create("fuzz");
        kiosk = tenant.kioskKey();
        valid = Envelopes.batch(java.util.List.of(Envelopes.scanStart(tenant.id()), Envelopes.scanStart(tenant.id())));
    }

    @Property(tries = 60)
    void signedGarbageIsAnsweredWithA4xxOrAccepted(@ForAll("bodies") String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = new HashMap<>(kiosk.signer().sign("POST", "/v1/events", bytes));
        headers.put("content-type", "application/json");
        var answer = tenant.api().send("POST", "/v1/events", bytes, headers);
        assertTrue(answer.status() < 500, () -> answer.status() + " for " + body + " → " + answer.body());
        assertTrue(answer.status() == 202 || answer.status() == 207 || answer.body().contains("\"reason\""), answer.body());
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> truncated = Arbitraries.integers().between(0, valid.length()).map(n -> valid.substring(0, n));
        Arbitrary<String> mutated = Arbitraries.integers().between(0, valid.length() - 1)
                .flatMap(i -> Arbitraries.chars().ascii().map(c -> valid.substring(0, i) + c + valid.substring(i + 1)));
        Arbitrary<String> random = Arbitraries.strings().ofMaxLength(300);
        return Arbitraries.oneOf(truncated, mutated, random);
    }
}
