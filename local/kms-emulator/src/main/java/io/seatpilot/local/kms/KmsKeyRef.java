package io.seatpilot.local.kms;

/** Identifies a key created through {@link LocalKmsServer}'s Java API. */
public record KmsKeyRef(String keyId, String arn) { }
