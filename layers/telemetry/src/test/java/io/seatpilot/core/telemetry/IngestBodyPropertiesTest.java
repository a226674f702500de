package io.seatpilot.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.http.ApiException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever bytes arrive, parsing and validation end in an answer with a 4xx reason — never an exception. */
class IngestBodyPropertiesTest {

    private static final EnvelopeValidator VALIDATOR = new EnvelopeValidator(new EventSchemas());
    private static final String VALID = EnvelopeValidatorTest.envelope().toString();

    @Property(tries = 400)
    void randomBytesNeverEscapeAsUnexpectedErrors(@ForAll byte[] body) {
        assertHandled(body);
    }

    @Property(tries = 400)
    void truncatedAndMutatedEnvelopesNeverEscape(@ForAll("mutations") String body) {
        assertHandled(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Found by the property above: BigDecimal refuses an exponent of more than ten digits with a runtime exception. */
    @Example
    void aNumberNoReaderCanHoldIsMalformedJson() {
        ApiException refused = assertThrows(ApiException.class,
                () -> IngestBody.parse("{\"ts_ms\":1E67312000000}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("malformed_json", refused.problem().reason());
        assertEquals(400, refused.problem().status());
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> truncated = Arbitraries.integers().between(0, VALID.length()).map(n -> VALID.substring(0, n));
        Arbitrary<String> replaced = Arbitraries.integers().between(0, VALID.length() - 1)
                .flatMap(i -> Arbitraries.chars().ascii().map(c -> VALID.substring(0, i) + c + VALID.substring(i + 1)));
        Arbitrary<String> batched = Arbitraries.integers().between(0, VALID.length())
                .map(n -> "{\"events\":[" + VALID + "," + VALID.substring(0, n) + "]}");
        return Arbitraries.oneOf(truncated, replaced, batched);
    }

    private static void assertHandled(byte[] body) {
        try {
            var parsed = IngestBody.parse(body);
            var items = switch (parsed) {
                case IngestBody.Single single -> java.util.List.of(single.envelope());
                case IngestBody.Batch batch -> batch.envelopes();
            };
            for (var item : items) {
                var check = VALIDATOR.validate(item.node(), item.sizeBytes(), "demo");
                if (check instanceof EnvelopeCheck.Rejected rejected) {
                    assertTrue(rejected.problem().status() >= 400 && rejected.problem().status() < 500);
                }
            }
        } catch (ApiException refused) {
            assertTrue(refused.problem().status() >= 400 && refused.problem().status() < 500);
        }
        IngestBody.looksLikeBatch(body);
    }
}
