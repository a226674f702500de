package io.seatpilot.local.kms;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key specs with their JCA counterparts. Generated key lengths follow AWS: 256-bit AES for
 * SYMMETRIC_DEFAULT, and for HMAC keys the digest length of the hash.
 */
enum KeySpec {
    SYMMETRIC_DEFAULT(KeyUsage.ENCRYPT_DECRYPT, "AES", 32, null),
    HMAC_224(KeyUsage.GENERATE_VERIFY_MAC, "HmacSHA224", 28, "HMAC_SHA_224"),
    HMAC_256(KeyUsage.GENERATE_VERIFY_MAC, "HmacSHA256", 32, "HMAC_SHA_256"),
    HMAC_384(KeyUsage.GENERATE_VERIFY_MAC, "HmacSHA384", 48, "HMAC_SHA_384"),
    HMAC_512(KeyUsage.GENERATE_VERIFY_MAC, "HmacSHA512", 64, "HMAC_SHA_512");

    private final KeyUsage usage;
    private final String jcaAlgorithm;
    private final int generatedKeyBytes;
    private final String macAlgorithm;

    KeySpec(KeyUsage usage, String jcaAlgorithm, int generatedKeyBytes, String macAlgorithm) {
        this.usage = usage;
        this.jcaAlgorithm = jcaAlgorithm;
        this.generatedKeyBytes = generatedKeyBytes;
        this.macAlgorithm = macAlgorithm;
    }

    static Optional<KeySpec> named(String name) {
        return Arrays.stream(values()).filter(spec -> spec.name().equals(name)).findFirst();
    }

    static boolean isMacAlgorithm(String name) {
        return Arrays.stream(values()).anyMatch(spec -> name.equals(spec.macAlgorithm));
    }

    KeyUsage usage() {
        return usage;
    }

    String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /** The single MAC algorithm AWS allows for this spec; present only for HMAC specs. */
    Optional<String> macAlgorithm() {
        return Optional.ofNullable(macAlgorithm);
    }

    SecretKey generate(SecureRandom random) {
        byte[] material = new byte[generatedKeyBytes];
        random.nextBytes(material);
        return wrap(material);
    }

    SecretKey wrap(byte[] material) {
        return new SecretKeySpec(material, jcaAlgorithm);
    }
}
