package io.seatpilot.local.kms;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.InvalidAliasNameException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/** What only LocalKmsServer promises: its Java API, fixed key material, counts, and raw protocol details. */
class LocalKmsServerTest {

    private static final byte[] DEMO_ROOT = HexFormat.of()
            .parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final String DEMO_ALIAS = "alias/seatpilot-device-root";

    private final ObjectMapper json = new ObjectMapper();
    private LocalKmsServer server;
    private KmsClient kms;

    @BeforeEach
    void start() {
        server = LocalKmsServer.builder().build().start();
        kms = KmsClients.forEndpoint(server.endpoint());
    }

    @AfterEach
    void stop() {
        kms.close();
        server.close();
    }

    @Test
    void importedKeyMacsEqualJcaHmacSha256OverTheSameBytes() throws Exception {
        server.createHmacKey(DEMO_ALIAS, DEMO_ROOT);
        String message = "seatpilot/device-key/v1|tenant-1|key-1";

        byte[] fromKms = generateMac(kms, DEMO_ALIAS, message);
        Mac jca = Mac.getInstance("HmacSHA256");
        jca.init(new SecretKeySpec(DEMO_ROOT, "HmacSHA256"));

        assertArrayEquals(jca.doFinal(message.getBytes(UTF_8)), fromKms);
    }

    @Test
    void importedKeyKeepsItsArnAndMacsAcrossRestarts() {
        KmsKeyRef first = server.createHmacKey(DEMO_ALIAS, DEMO_ROOT);
        byte[] firstMac = generateMac(kms, DEMO_ALIAS, "m");

        try (var restarted = LocalKmsServer.builder().build().start();
             var client = KmsClients.forEndpoint(restarted.endpoint())) {
            KmsKeyRef second = restarted.createHmacKey(DEMO_ALIAS, DEMO_ROOT);

            assertEquals(first, second);
            assertArrayEquals(firstMac, generateMac(client, second.arn(), "m"));
        }
    }

    @Test
    void importedKeyIsDescribedAsExternalHmac256() {
        KmsKeyRef ref = server.createHmacKey(DEMO_ALIAS, DEMO_ROOT);

        var metadata = kms.describeKey(r -> r.keyId(DEMO_ALIAS)).keyMetadata();

        assertEquals(ref.keyId(), metadata.keyId());
        assertEquals("HMAC_256", metadata.keySpecAsString());
        assertEquals(OriginType.EXTERNAL, metadata.origin());
    }

    @Test
    void createHmacKeyRejectsBadMaterialAndTakenAliases() {
        assertThrows(IllegalArgumentException.class, () -> server.createHmacKey(DEMO_ALIAS, new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> server.createHmacKey(DEMO_ALIAS, new byte[65]));
        assertThrows(IllegalArgumentException.class, () -> server.createHmacKey("no-prefix", DEMO_ROOT));
        server.createHmacKey(DEMO_ALIAS, DEMO_ROOT);
        assertThrows(IllegalArgumentException.class, () -> server.createHmacKey(DEMO_ALIAS, DEMO_ROOT));
    }

    @Test
    void createHmacKeyCopiesTheMaterial() {
        byte[] material = DEMO_ROOT.clone();
        server.createHmacKey(DEMO_ALIAS, material);
        byte[] before = generateMac(kms, DEMO_ALIAS, "m");

        material[0] ^= 1;

        assertArrayEquals(before, generateMac(kms, DEMO_ALIAS, "m"));
    }

    @Test
    void arnsNameTheLocalAccountAndTheConfiguredRegion() {
        try (var euServer = LocalKmsServer.builder().region("eu-west-1").build().start();
             var client = KmsClients.forEndpoint(euServer.endpoint(), Region.of(euServer.region()))) {
            var metadata = client.createKey(r -> r.description("eu")).keyMetadata();

            assertEquals("arn:aws:kms:eu-west-1:000000000000:key/" + metadata.keyId(), metadata.arn());
            assertEquals(LocalKmsServer.ACCOUNT_ID, metadata.awsAccountId());
            assertEquals("eu", metadata.description());
        }
    }

    @Test
    void operationCountsCountEveryCallIncludingFailures() {
        server.createHmacKey(DEMO_ALIAS, DEMO_ROOT);
        generateMac(kms, DEMO_ALIAS, "a");
        generateMac(kms, DEMO_ALIAS, "b");
        assertThrows(KmsException.class, () -> generateMac(kms, "alias/missing", "c"));
        kms.generateRandom(r -> r.numberOfBytes(8));

        assertEquals(Map.of("GenerateMac", 3L, "GenerateRandom", 1L), server.operationCounts());
    }

    @Test
    void concurrentRequestsAreAllServedCorrectlyAndCounted() throws Exception {
        server.createHmacKey(DEMO_ALIAS, DEMO_ROOT);
        byte[] expected = generateMac(kms, DEMO_ALIAS, "same");
        int calls = 200;

        List<byte[]> macs;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<byte[]>> futures = IntStream.range(0, calls)
                    .mapToObj(i -> pool.submit(() -> generateMac(kms, DEMO_ALIAS, "same")))
                    .toList();
            macs = futures.stream().map(LocalKmsServerTest::join).toList();
        }

        macs.forEach(mac -> assertArrayEquals(expected, mac));
        assertEquals(calls + 1L, server.operationCounts().get("GenerateMac"));
    }

    @Test
    void keyPendingDeletionRefusesUseAndStateChanges() {
        String keyId = kms.createKey(r -> r.keySpec("HMAC_256").keyUsage("GENERATE_VERIFY_MAC")).keyMetadata().keyId();
        kms.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7));

        assertThrows(KmsInvalidStateException.class, () -> generateMac(kms, keyId, "m"));
        assertThrows(KmsInvalidStateException.class, () -> kms.enableKey(r -> r.keyId(keyId)));
    }

    @Test
    void createKeyRejectsSpecsItCannotServeAndMismatchedUsage() {
        assertThrows(UnsupportedOperationException.class, () -> kms.createKey(r -> r.keySpec("RSA_2048")
                .keyUsage("SIGN_VERIFY")));
        var mismatch = assertThrows(KmsException.class, () -> kms.createKey(r -> r.keySpec("HMAC_256")));
        assertEquals("ValidationException", mismatch.awsErrorDetails().errorCode());
    }

    @Test
    void reservedAndMalformedAliasNamesAreRejected() {
        String keyId = kms.createKey(r -> { }).keyMetadata().keyId();

        assertThrows(InvalidAliasNameException.class, () -> kms.createAlias(r -> r.aliasName("alias/aws/s3")
                .targetKeyId(keyId)));
        assertThrows(InvalidAliasNameException.class, () -> kms.createAlias(r -> r.aliasName("alias/has space")
                .targetKeyId(keyId)));
    }

    @Test
    void missingRequiredMemberIsAValidationException() {
        var error = assertThrows(KmsException.class, () -> kms.generateMac(r -> r
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).message(SdkBytes.fromUtf8String("m"))));

        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
        assertEquals(400, error.statusCode());
    }

    @Test
    void payloadsOverAwsLimitsAreRejected() {
        server.createHmacKey(DEMO_ALIAS, DEMO_ROOT);

        var error = assertThrows(KmsException.class, () -> generateMac(kms, DEMO_ALIAS, "x".repeat(4097)));

        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
        assertTrue(error.getMessage().contains("4096"), error.getMessage());
    }

    @Test
    void errorsAreJsonWithAwsTypeAndStatus400() throws Exception {
        HttpResponse<String> response = post("TrentService.DescribeKey",
                "{\"KeyId\":\"11111111-2222-3333-4444-555555555555\"}");

        JsonNode body = json.readTree(response.body());
        assertEquals(400, response.statusCode());
        assertEquals("application/x-amz-json-1.1", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("NotFoundException", body.get("__type").asText());
        assertTrue(body.get("message").asText().contains("11111111-2222-3333-4444-555555555555"));
    }

    @Test
    void unknownOperationIsRejected() throws Exception {
        HttpResponse<String> response = post("TrentService.ReplicateKey", "{}");

        assertEquals(400, response.statusCode());
        assertEquals("UnknownOperationException", json.readTree(response.body()).get("__type").asText());
        assertEquals(Map.of(), server.operationCounts());
    }

    @Test
    void requestWithoutTargetIsRejected() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.endpoint()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(400, response.statusCode());
            assertEquals("UnknownOperationException", json.readTree(response.body()).get("__type").asText());
        }
    }

    @Test
    void malformedJsonIsASerializationException() throws Exception {
        HttpResponse<String> response = post("TrentService.ListKeys", "{not json");

        assertEquals(400, response.statusCode());
        assertEquals("SerializationException", json.readTree(response.body()).get("__type").asText());
    }

    @Test
    void endpointExistsOnlyWhileRunning() {
        var notStarted = LocalKmsServer.builder().build();
        assertThrows(IllegalStateException.class, notStarted::endpoint);

        URI endpoint = server.endpoint();
        assertEquals("127.0.0.1", endpoint.getHost());
        assertNotEquals(0, endpoint.getPort());

        server.close();
        assertThrows(IllegalStateException.class, server::endpoint);
        assertThrows(IllegalStateException.class, server::start);
    }

    @Test
    void builderRejectsInvalidConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> LocalKmsServer.builder().region("mars"));
        assertThrows(IllegalArgumentException.class, () -> LocalKmsServer.builder().port(70_000));
    }

    private HttpResponse<String> post(String target, String body) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(server.endpoint())
                            .header("X-Amz-Target", target)
                            .header("Content-Type", "application/x-amz-json-1.1")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static byte[] generateMac(KmsClient client, String keyRef, String message) {
        return client.generateMac(r -> r.keyId(keyRef).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .message(SdkBytes.fromUtf8String(message))).mac().asByteArray();
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
