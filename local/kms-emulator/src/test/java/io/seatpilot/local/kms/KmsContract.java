package io.seatpilot.local.kms;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * What SeatPilot relies on from KMS, written once and run against every KMS the project uses locally.
 * All calls go through the real SDK client, so protocol shape, error mapping and crypto are checked together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KmsContract {

    /**
     * Documented AWS behaviours that a target may knowingly lack. The contract asserts each one only on
     * targets that claim it, so a gap is visible as a skipped test rather than a silently weaker assertion.
     */
    enum AwsBehaviour {
        /** DescribeKey lists the one MAC algorithm an HMAC key supports. */
        DESCRIBES_MAC_ALGORITHMS,
        /** A disabled key refuses GenerateMac and Encrypt with DisabledException. */
        DISABLED_KEY_REFUSES_CRYPTO,
        /** Encrypt with a GENERATE_VERIFY_MAC key fails with InvalidKeyUsageException. */
        ENCRYPT_CHECKS_KEY_USAGE,
        /** GenerateMac with an algorithm other than the key spec's fails with InvalidKeyUsageException. */
        MAC_ALGORITHM_MUST_MATCH_KEY_SPEC,
        /** Decrypt with a KeyId other than the ciphertext's key fails with IncorrectKeyException. */
        DECRYPT_CHECKS_NAMED_KEY,
        /** DryRun requests fail with DryRunOperationException instead of running. */
        DRY_RUN,
        /** ListKeys honours Limit and pages with NextMarker. */
        LIST_KEYS_PAGINATION
    }

    protected KmsClient kms;
    private ContractTarget target;

    /**
     * Starts the KMS under test, or empty when the target cannot exist on this machine; every test is then
     * skipped one by one, so reports show the skips instead of hiding them. It is closed after the last test.
     */
    protected abstract Optional<ContractTarget> startTarget() throws Exception;

    protected Set<AwsBehaviour> missingAwsBehaviours() {
        return Set.of();
    }

    @BeforeAll
    final void connect() throws Exception {
        target = startTarget().orElse(null);
        kms = target == null ? null : KmsClients.forEndpoint(target.endpoint());
    }

    @BeforeEach
    final void requireTarget() {
        assumeTrue(kms != null, () -> getClass().getSimpleName() + ": target not available on this machine");
    }

    @AfterAll
    final void disconnect() throws Exception {
        if (kms != null) {
            kms.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void hmacKeyIsCreatedEnabledForMacs() {
        KeyMetadata created = createHmacKey("HMAC_256");

        KeyMetadata described = kms.describeKey(r -> r.keyId(created.keyId())).keyMetadata();

        assertEquals(UUID.fromString(created.keyId()).toString(), created.keyId());
        assertTrue(created.arn().startsWith("arn:aws:kms:us-east-1:"), created.arn());
        assertTrue(created.arn().endsWith(":key/" + created.keyId()), created.arn());
        assertEquals(created.arn(), described.arn());
        assertEquals("HMAC_256", described.keySpecAsString());
        assertEquals(KeyUsageType.GENERATE_VERIFY_MAC, described.keyUsage());
        assertEquals(KeyState.ENABLED, described.keyState());
        assertTrue(described.enabled());
    }

    @Test
    void hmacKeyDescribesItsMacAlgorithm() {
        assumeBehaviour(AwsBehaviour.DESCRIBES_MAC_ALGORITHMS);
        KeyMetadata created = createHmacKey("HMAC_384");

        assertEquals(List.of(MacAlgorithmSpec.HMAC_SHA_384),
                kms.describeKey(r -> r.keyId(created.keyId())).keyMetadata().macAlgorithms());
    }

    @ParameterizedTest
    @CsvSource({"HMAC_224, HMAC_SHA_224, 28", "HMAC_256, HMAC_SHA_256, 32", "HMAC_384, HMAC_SHA_384, 48",
            "HMAC_512, HMAC_SHA_512, 64"})
    void macLengthIsTheDigestLengthOfTheKeySpec(String keySpec, String algorithm, int expectedBytes) {
        String keyId = createHmacKey(keySpec).keyId();

        assertEquals(expectedBytes, mac(keyId, algorithm, "seatpilot").length);
    }

    @Test
    void macIsDeterministicFor32ByteHmac256() {
        String keyId = createHmacKey("HMAC_256").keyId();

        byte[] first = mac(keyId, "seatpilot/device-key/v1|tenant-1|key-1");
        byte[] second = mac(keyId, "seatpilot/device-key/v1|tenant-1|key-1");

        assertEquals(32, first.length);
        assertArrayEquals(first, second);
    }

    @Test
    void differentMessagesGiveDifferentMacs() {
        String keyId = createHmacKey("HMAC_256").keyId();

        assertFalse(Arrays.equals(mac(keyId, "tenant-1|key-1"), mac(keyId, "tenant-1|key-2")));
    }

    @Test
    void differentKeysGiveDifferentMacs() {
        assertFalse(Arrays.equals(mac(createHmacKey("HMAC_256").keyId(), "same message"),
                mac(createHmacKey("HMAC_256").keyId(), "same message")));
    }

    @Test
    void verifyMacAcceptsTheGeneratedMac() {
        String keyId = createHmacKey("HMAC_256").keyId();
        byte[] mac = mac(keyId, "door-7|2026-11-01T10:00Z");

        var verified = kms.verifyMac(r -> r.keyId(keyId).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .message(bytes("door-7|2026-11-01T10:00Z")).mac(SdkBytes.fromByteArray(mac)));

        assertTrue(verified.macValid());
    }

    @Test
    void verifyMacRejectsAnAlteredMac() {
        String keyId = createHmacKey("HMAC_256").keyId();
        byte[] mac = mac(keyId, "door-7");
        mac[0] ^= 1;

        assertThrows(KmsInvalidMacException.class, () -> kms.verifyMac(r -> r.keyId(keyId)
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).message(bytes("door-7")).mac(SdkBytes.fromByteArray(mac))));
    }

    @Test
    void verifyMacRejectsAnAlteredMessage() {
        String keyId = createHmacKey("HMAC_256").keyId();
        byte[] mac = mac(keyId, "door-7");

        assertThrows(KmsInvalidMacException.class, () -> kms.verifyMac(r -> r.keyId(keyId)
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).message(bytes("door-8")).mac(SdkBytes.fromByteArray(mac))));
    }

    @Test
    void keyIdKeyArnAliasNameAndAliasArnNameTheSameKey() {
        KeyMetadata key = createHmacKey("HMAC_256");
        String alias = uniqueAlias();
        kms.createAlias(r -> r.aliasName(alias).targetKeyId(key.keyId()));
        String aliasArn = key.arn().replace(":key/" + key.keyId(), ":" + alias);

        byte[] expected = mac(key.keyId(), "m");

        for (String ref : List.of(key.arn(), alias, aliasArn)) {
            assertArrayEquals(expected, mac(ref, "m"), ref);
            assertEquals(key.keyId(), kms.describeKey(r -> r.keyId(ref)).keyMetadata().keyId(), ref);
        }
    }

    @Test
    void listAliasesShowsTheAliasTarget() {
        String keyId = createHmacKey("HMAC_256").keyId();
        String alias = uniqueAlias();
        kms.createAlias(r -> r.aliasName(alias).targetKeyId(keyId));

        var listed = kms.listAliases(r -> r.keyId(keyId)).aliases();

        assertTrue(listed.stream().anyMatch(a -> a.aliasName().equals(alias) && a.targetKeyId().equals(keyId)
                && a.aliasArn().endsWith(":" + alias)), listed::toString);
    }

    @Test
    void aliasNamesAreUnique() {
        String alias = uniqueAlias();
        kms.createAlias(r -> r.aliasName(alias).targetKeyId(createHmacKey("HMAC_256").keyId()));
        String otherKey = createHmacKey("HMAC_256").keyId();

        assertThrows(AlreadyExistsException.class, () -> kms.createAlias(r -> r.aliasName(alias).targetKeyId(otherKey)));
    }

    @Test
    void listKeysIncludesNewKeys() {
        String keyId = createHmacKey("HMAC_256").keyId();

        assertTrue(kms.listKeysPaginator(r -> { }).keys().stream().anyMatch(k -> k.keyId().equals(keyId)));
    }

    @Test
    void listKeysPagesWithLimitAndMarker() {
        assumeBehaviour(AwsBehaviour.LIST_KEYS_PAGINATION);
        Set<String> created = Set.of(createSymmetricKey().keyId(), createSymmetricKey().keyId(),
                createSymmetricKey().keyId());

        ListKeysResponse first = kms.listKeys(r -> r.limit(1));
        List<String> seen = new ArrayList<>();
        kms.listKeysPaginator(r -> r.limit(1)).stream().forEach(page -> {
            assertTrue(page.keys().size() <= 1);
            page.keys().forEach(k -> seen.add(k.keyId()));
        });

        assertTrue(first.truncated());
        assertEquals(seen.size(), Set.copyOf(seen).size(), "no key twice");
        assertTrue(seen.containsAll(created), seen::toString);
    }

    @Test
    void encryptDecryptRoundTripsWithoutKeyIdOnDecrypt() {
        KeyMetadata key = createSymmetricKey();
        byte[] plaintext = "demo device secret".getBytes(UTF_8);

        var encrypted = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(SdkBytes.fromByteArray(plaintext))
                .encryptionContext(Map.of("tenant", "t-1")));
        var decrypted = kms.decrypt(r -> r.ciphertextBlob(encrypted.ciphertextBlob())
                .encryptionContext(Map.of("tenant", "t-1")));

        assertFalse(Arrays.equals(plaintext, encrypted.ciphertextBlob().asByteArray()));
        assertArrayEquals(plaintext, decrypted.plaintext().asByteArray());
        assertEquals(key.arn(), encrypted.keyId());
        assertEquals(key.arn(), decrypted.keyId());
    }

    @Test
    void decryptRequiresTheSameEncryptionContext() {
        KeyMetadata key = createSymmetricKey();
        var encrypted = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(bytes("secret"))
                .encryptionContext(Map.of("tenant", "t-1")));

        assertThrows(InvalidCiphertextException.class, () -> kms.decrypt(r -> r
                .ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(Map.of("tenant", "t-2"))));
    }

    @Test
    void generateDataKeyGivesAKeyThatDecryptsBackUnderItsContext() {
        KeyMetadata key = createSymmetricKey();
        var dataKey = kms.generateDataKey(r -> r.keyId(key.keyId()).keySpec(DataKeySpec.AES_256)
                .encryptionContext(Map.of("tenant", "t-1", "event", "e-1")));

        assertEquals(32, dataKey.plaintext().asByteArray().length);
        assertEquals(key.arn(), dataKey.keyId());
        var decrypted = kms.decrypt(r -> r.ciphertextBlob(dataKey.ciphertextBlob())
                .encryptionContext(Map.of("tenant", "t-1", "event", "e-1")));
        assertArrayEquals(dataKey.plaintext().asByteArray(), decrypted.plaintext().asByteArray());
        assertThrows(InvalidCiphertextException.class, () -> kms.decrypt(r -> r
                .ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(Map.of("tenant", "t-2", "event", "e-1"))));
    }

    @Test
    void generateDataKeyNeedsExactlyOneOfKeySpecAndNumberOfBytes() {
        KeyMetadata key = createSymmetricKey();
        assertThrows(KmsException.class, () -> kms.generateDataKey(r -> r.keyId(key.keyId())));
        assertThrows(KmsException.class, () -> kms.generateDataKey(r -> r.keyId(key.keyId())
                .keySpec(DataKeySpec.AES_256).numberOfBytes(32)));
        assertEquals(16, kms.generateDataKey(r -> r.keyId(key.keyId()).numberOfBytes(16)).plaintext().asByteArray().length);
    }

    @Test
    void decryptRejectsAlteredCiphertext() {
        KeyMetadata key = createSymmetricKey();
        byte[] blob = kms.encrypt(r -> r.keyId(key.keyId()).plaintext(bytes("secret"))).ciphertextBlob().asByteArray();
        blob[blob.length - 1] ^= 1;

        assertThrows(InvalidCiphertextException.class,
                () -> kms.decrypt(r -> r.ciphertextBlob(SdkBytes.fromByteArray(blob))));
    }

    @Test
    void decryptWithAnotherKeyIdIsIncorrectKey() {
        assumeBehaviour(AwsBehaviour.DECRYPT_CHECKS_NAMED_KEY);
        var blob = kms.encrypt(r -> r.keyId(createSymmetricKey().keyId()).plaintext(bytes("x"))).ciphertextBlob();
        String otherKey = createSymmetricKey().keyId();

        assertThrows(IncorrectKeyException.class, () -> kms.decrypt(r -> r.ciphertextBlob(blob).keyId(otherKey)));
    }

    @Test
    void unknownKeyIsNotFound() {
        String unknown = UUID.randomUUID().toString();

        assertThrows(NotFoundException.class, () -> kms.describeKey(r -> r.keyId(unknown)));
        assertThrows(NotFoundException.class, () -> mac(unknown, "m"));
    }

    @Test
    void unknownAliasIsNotFound() {
        assertThrows(NotFoundException.class, () -> mac(uniqueAlias(), "m"));
    }

    @Test
    void macWithAnEncryptionKeyIsInvalidKeyUsage() {
        String keyId = createSymmetricKey().keyId();

        assertThrows(InvalidKeyUsageException.class, () -> mac(keyId, "m"));
    }

    @Test
    void encryptWithAnHmacKeyIsInvalidKeyUsage() {
        assumeBehaviour(AwsBehaviour.ENCRYPT_CHECKS_KEY_USAGE);
        String keyId = createHmacKey("HMAC_256").keyId();

        assertThrows(InvalidKeyUsageException.class, () -> kms.encrypt(r -> r.keyId(keyId).plaintext(bytes("x"))));
    }

    @Test
    void macAlgorithmMustMatchTheKeySpec() {
        assumeBehaviour(AwsBehaviour.MAC_ALGORITHM_MUST_MATCH_KEY_SPEC);
        String keyId = createHmacKey("HMAC_256").keyId();

        assertThrows(InvalidKeyUsageException.class, () -> mac(keyId, "HMAC_SHA_512", "m"));
    }

    @Test
    void disableAndEnableKeyChangeItsState() {
        String keyId = createHmacKey("HMAC_256").keyId();

        kms.disableKey(r -> r.keyId(keyId));
        KeyMetadata disabled = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();
        kms.enableKey(r -> r.keyId(keyId));
        KeyMetadata enabled = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();

        assertEquals(KeyState.DISABLED, disabled.keyState());
        assertFalse(disabled.enabled());
        assertEquals(KeyState.ENABLED, enabled.keyState());
        assertEquals(32, mac(keyId, "usable again").length);
    }

    @Test
    void disabledKeyRefusesCryptography() {
        assumeBehaviour(AwsBehaviour.DISABLED_KEY_REFUSES_CRYPTO);
        String macKey = createHmacKey("HMAC_256").keyId();
        String encryptionKey = createSymmetricKey().keyId();
        kms.disableKey(r -> r.keyId(macKey));
        kms.disableKey(r -> r.keyId(encryptionKey));

        assertThrows(DisabledException.class, () -> mac(macKey, "m"));
        assertThrows(DisabledException.class, () -> kms.encrypt(r -> r.keyId(encryptionKey).plaintext(bytes("x"))));
    }

    @Test
    void scheduledDeletionMarksTheKeyPendingDeletion() {
        String keyId = createHmacKey("HMAC_256").keyId();

        var scheduled = kms.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7));
        KeyMetadata described = kms.describeKey(r -> r.keyId(keyId)).keyMetadata();

        assertEquals(KeyState.PENDING_DELETION, described.keyState());
        assertFalse(described.enabled());
        Duration untilDeletion = Duration.between(Instant.now(), scheduled.deletionDate());
        assertTrue(untilDeletion.compareTo(Duration.ofDays(6)) > 0 && untilDeletion.compareTo(Duration.ofDays(8)) < 0,
                untilDeletion::toString);
        assertNotNull(described.deletionDate());
    }

    @Test
    void dryRunIsRefusedWithoutGeneratingAMac() {
        assumeBehaviour(AwsBehaviour.DRY_RUN);
        String keyId = createHmacKey("HMAC_256").keyId();

        assertThrows(DryRunOperationException.class, () -> kms.generateMac(r -> r.keyId(keyId).dryRun(true)
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).message(bytes("m"))));
    }

    @Test
    void generateRandomReturnsFreshBytesOfTheRequestedLength() {
        byte[] first = kms.generateRandom(r -> r.numberOfBytes(32)).plaintext().asByteArray();
        byte[] second = kms.generateRandom(r -> r.numberOfBytes(32)).plaintext().asByteArray();

        assertEquals(32, first.length);
        assertFalse(Arrays.equals(first, second));
    }

    protected final KeyMetadata createHmacKey(String keySpec) {
        return kms.createKey(r -> r.keySpec(keySpec).keyUsage(KeyUsageType.GENERATE_VERIFY_MAC)).keyMetadata();
    }

    protected final KeyMetadata createSymmetricKey() {
        return kms.createKey(r -> r.keySpec("SYMMETRIC_DEFAULT").keyUsage(KeyUsageType.ENCRYPT_DECRYPT)).keyMetadata();
    }

    protected final byte[] mac(String keyRef, String message) {
        return mac(keyRef, "HMAC_SHA_256", message);
    }

    protected final byte[] mac(String keyRef, String algorithm, String message) {
        return kms.generateMac(r -> r.keyId(keyRef).macAlgorithm(algorithm).message(bytes(message)))
                .mac().asByteArray();
    }

    protected static SdkBytes bytes(String text) {
        return SdkBytes.fromUtf8String(text);
    }

    protected static String uniqueAlias() {
        return "alias/contract-" + UUID.randomUUID();
    }

    private void assumeBehaviour(AwsBehaviour behaviour) {
        assumeFalse(missingAwsBehaviours().contains(behaviour),
                () -> getClass().getSimpleName() + " knowingly lacks " + behaviour);
    }
}
