package io.seatpilot.core.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.RepoFiles;
import io.seatpilot.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The Java signer against the shared vectors that the JavaScript signer is also checked with. */
class SigningVectorsTest {

    @TestFactory
    List<DynamicTest> everyVectorSignsAsExpected() throws Exception {
        JsonNode vectors = Json.MAPPER.readTree(RepoFiles.root().resolve("schemas/signing-vectors.json").toFile()).get("vectors");
        assertTrue(vectors.size() >= 6, "at least six vectors are shared");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : vectors) {
            tests.add(DynamicTest.dynamicTest(v.get("name").asText(), () -> {
                byte[] body = v.get("body").asText().getBytes(StandardCharsets.UTF_8);
                String prefix = new String(StringToSign.prefix(v.get("method").asText(), v.get("path").asText(),
                        v.get("ts").asText(), v.get("nonce").asText()), StandardCharsets.UTF_8);
                assertEquals(v.get("string_to_sign").asText(), prefix + v.get("body").asText());
                var headers = new RequestSigner(v.get("key_id").asText(), v.get("secret").asText())
                        .sign(v.get("method").asText(), v.get("path").asText(), body, v.get("ts").asText(), v.get("nonce").asText());
                assertEquals(v.get("signature").asText(), headers.get(SignatureHeaders.SIGNATURE));
            }));
        }
        return tests;
    }

    @org.junit.jupiter.api.Test
    void aChangedByteChangesTheSignature() {
        String a = StringToSign.signature("secret", "POST", "/v1/events", "1", "nonce-nonce-nonce-1", "{}".getBytes(StandardCharsets.UTF_8));
        String b = StringToSign.signature("secret", "POST", "/v1/events", "1", "nonce-nonce-nonce-1", "{ }".getBytes(StandardCharsets.UTF_8));
        assertTrue(!a.equals(b));
        assertTrue(a.matches("[0-9a-f]{64}"));
    }
}
