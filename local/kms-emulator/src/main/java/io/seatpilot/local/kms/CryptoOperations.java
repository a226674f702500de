package io.seatpilot.local.kms;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.SortedMap;
import javax.crypto.Mac;

/**
 * GenerateMac, VerifyMac, Encrypt, Decrypt, GenerateDataKey and GenerateRandom, with real JCA cryptography. Size limits are
 * those of the AWS API reference, so payloads that work here also fit real KMS.
 */
final class CryptoOperations {

    private static final int MAX_MESSAGE_BYTES = 4096;
    private static final int MAX_PLAINTEXT_BYTES = 4096;
    private static final int MAX_CIPHERTEXT_BYTES = 6144;
    private static final int MAX_MAC_BYTES = 6144;
    private static final int MAX_RANDOM_BYTES = 1024;
    private static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";

    private final KeyRegistry registry;
    private final SecureRandom random;

    CryptoOperations(KeyRegistry registry, SecureRandom random) {
        this.registry = registry;
        this.random = random;
    }

    ObjectNode generateMac(JsonRequest request) {
        var input = MacInput.from(request, registry);
        byte[] mac = input.compute();
        return object()
                .put("Mac", mac)
                .put("MacAlgorithm", input.algorithm())
                .put("KeyId", input.key().arn());
    }

    ObjectNode verifyMac(JsonRequest request) {
        byte[] claimed = request.requiredBlob("Mac", MAX_MAC_BYTES);
        var input = MacInput.from(request, registry);
        // Constant-time, as a verifier must be: a timing leak here would teach callers to do the same.
        if (!MessageDigest.isEqual(input.compute(), claimed)) {
            throw KmsError.of("KMSInvalidMacException", "MAC verification failed");
        }
        return object()
                .put("KeyId", input.key().arn())
                .put("MacValid", true)
                .put("MacAlgorithm", input.algorithm());
    }

    ObjectNode encrypt(JsonRequest request) {
        String keyRef = request.requiredString("KeyId");
        byte[] plaintext = request.requiredBlob("Plaintext", MAX_PLAINTEXT_BYTES);
        SortedMap<String, String> context = request.stringMap("EncryptionContext");
        KmsKey key = registry.resolve(keyRef).requireUsableFor(KeyUsage.ENCRYPT_DECRYPT);
        requireSymmetricAlgorithm(request, key);
        refuseDryRun(request);
        return object()
                .put("CiphertextBlob", CiphertextBlob.seal(key, plaintext, context, random).encode())
                .put("KeyId", key.arn())
                .put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
    }

    /**
     * A fresh data key, returned in clear and sealed under the KMS key (envelope encryption). Exactly one of
     * KeySpec (AES_128/AES_256) and NumberOfBytes, as AWS requires.
     */
    ObjectNode generateDataKey(JsonRequest request) {
        String keyRef = request.requiredString("KeyId");
        var spec = request.optionalString("KeySpec");
        var count = request.optionalInt("NumberOfBytes", 1, MAX_RANDOM_BYTES);
        if (spec.isPresent() == count.isPresent()) {
            throw KmsError.of("ValidationException", "Please specify either number of bytes or key spec.");
        }
        int bytes = count.orElseGet(() -> switch (spec.orElseThrow()) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default -> throw KmsError.of("ValidationException",
                    "1 validation error detected: Value '" + spec.get() + "' at 'keySpec' failed to satisfy constraint:"
                            + " Member must satisfy enum value set: [AES_256, AES_128]");
        });
        SortedMap<String, String> context = request.stringMap("EncryptionContext");
        KmsKey key = registry.resolve(keyRef).requireUsableFor(KeyUsage.ENCRYPT_DECRYPT);
        refuseDryRun(request);
        byte[] plaintext = new byte[bytes];
        random.nextBytes(plaintext);
        return object()
                .put("CiphertextBlob", CiphertextBlob.seal(key, plaintext, context, random).encode())
                .put("Plaintext", plaintext)
                .put("KeyId", key.arn());
    }

    ObjectNode decrypt(JsonRequest request) {
        var blob = CiphertextBlob.decode(request.requiredBlob("CiphertextBlob", MAX_CIPHERTEXT_BYTES));
        SortedMap<String, String> context = request.stringMap("EncryptionContext");
        KmsKey key = registry.resolve(blob.keyId());
        request.optionalString("KeyId").map(registry::resolve).ifPresent(named -> {
            if (!named.id().equals(key.id())) {
                throw KmsError.of("IncorrectKeyException",
                        "The key ID in the request does not identify a CMK that can perform this operation.");
            }
        });
        key.requireUsableFor(KeyUsage.ENCRYPT_DECRYPT);
        requireSymmetricAlgorithm(request, key);
        refuseDryRun(request);
        return object()
                .put("Plaintext", blob.open(key, context))
                .put("KeyId", key.arn())
                .put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
    }

    ObjectNode generateRandom(JsonRequest request) {
        int count = request.optionalInt("NumberOfBytes", 1, MAX_RANDOM_BYTES)
                .orElseThrow(() -> KmsError.missing("NumberOfBytes"));
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return object().put("Plaintext", bytes);
    }

    /** The parameters GenerateMac and VerifyMac share, validated in the order AWS applies. */
    private record MacInput(KmsKey key, String algorithm, byte[] message) {

        static MacInput from(JsonRequest request, KeyRegistry registry) {
            String keyRef = request.requiredString("KeyId");
            byte[] message = request.requiredBlob("Message", MAX_MESSAGE_BYTES);
            String algorithm = request.requiredString("MacAlgorithm");
            if (!KeySpec.isMacAlgorithm(algorithm)) {
                throw KmsError.constraint("MacAlgorithm", "'" + algorithm + "'",
                        "satisfy enum value set: [HMAC_SHA_224, HMAC_SHA_256, HMAC_SHA_384, HMAC_SHA_512]");
            }
            KmsKey key = registry.resolve(keyRef).requireUsableFor(KeyUsage.GENERATE_VERIFY_MAC);
            if (!key.spec().macAlgorithm().orElseThrow().equals(algorithm)) {
                throw KmsError.of("InvalidKeyUsageException",
                        "Algorithm " + algorithm + " is incompatible with key spec " + key.spec() + ".");
            }
            refuseDryRun(request);
            return new MacInput(key, algorithm, message);
        }

        byte[] compute() {
            try {
                Mac mac = Mac.getInstance(key.spec().jcaAlgorithm());
                mac.init(key.material());
                return mac.doFinal(message);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(key.spec().jcaAlgorithm() + " unavailable in this JVM", e);
            }
        }
    }

    private static void requireSymmetricAlgorithm(JsonRequest request, KmsKey key) {
        String algorithm = request.optionalString("EncryptionAlgorithm").orElse(SYMMETRIC_DEFAULT);
        if (!algorithm.equals(SYMMETRIC_DEFAULT)) {
            throw KmsError.of("InvalidKeyUsageException",
                    "Algorithm " + algorithm + " is incompatible with key spec " + key.spec() + ".");
        }
    }

    /** AWS answers a DryRun that would succeed with this error, after all other checks passed. */
    private static void refuseDryRun(JsonRequest request) {
        if (request.flag("DryRun")) {
            throw new KmsError("DryRunOperationException", 412,
                    "The request would have succeeded, but the DryRun option is set.");
        }
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
