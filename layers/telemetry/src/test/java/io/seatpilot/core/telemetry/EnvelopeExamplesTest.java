package io.seatpilot.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.RepoFiles;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The example envelopes in events/envelopes are the contract's test cases: each must get its expected answer. */
class EnvelopeExamplesTest {

    private static final EnvelopeValidator VALIDATOR = new EnvelopeValidator(new EventSchemas());
    private static final Path EXAMPLES = RepoFiles.root().resolve("events/envelopes");

    @TestFactory
    List<DynamicTest> validExamplesAreAccepted() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES.resolve("valid"))) {
            files.sorted().forEach(file -> tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                byte[] bytes = Files.readAllBytes(file);
                JsonNode node = Json.MAPPER.readTree(bytes);
                var check = VALIDATOR.validate(node, bytes.length, node.get("tenant_id").asText());
                assertInstanceOf(EnvelopeCheck.Valid.class, check, () -> check.toString());
            })));
        }
        assertFalse(tests.isEmpty());
        return tests;
    }

    @TestFactory
    List<DynamicTest> invalidExamplesGetTheirReason() throws IOException {
        JsonNode index = Json.MAPPER.readTree(EXAMPLES.resolve("invalid/index.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        index.properties().forEach(entry -> tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> {
            byte[] bytes = Files.readAllBytes(EXAMPLES.resolve("invalid").resolve(entry.getKey()));
            String expected = entry.getValue().get("reason").asText();
            String actual;
            try {
                actual = switch (IngestBody.parse(bytes)) {
                    case IngestBody.Single single -> reasonOf(VALIDATOR.validate(single.envelope().node(), bytes.length, "demo"));
                    case IngestBody.Batch batch -> reasonOf(VALIDATOR.validate(batch.envelopes().getFirst().node(), bytes.length, "demo"));
                };
            } catch (ApiException refused) {
                actual = refused.problem().reason();
            }
            assertEquals(expected, actual);
            if (entry.getValue().has("field") && !"malformed_json".equals(expected)) {
                var check = VALIDATOR.validate(Json.MAPPER.readTree(bytes), bytes.length, "demo");
                assertEquals(entry.getValue().get("field").asText(), ((EnvelopeCheck.Rejected) check).problem().field());
            }
        })));
        assertFalse(tests.isEmpty());
        return tests;
    }

    private static String reasonOf(EnvelopeCheck check) {
        return switch (check) {
            case EnvelopeCheck.Valid valid -> "accepted";
            case EnvelopeCheck.Rejected rejected -> rejected.problem().reason();
        };
    }
}
