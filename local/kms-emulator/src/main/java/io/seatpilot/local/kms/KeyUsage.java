package io.seatpilot.local.kms;

/** The KMS key usages this endpoint can serve. */
enum KeyUsage {
    ENCRYPT_DECRYPT,
    GENERATE_VERIFY_MAC
}
