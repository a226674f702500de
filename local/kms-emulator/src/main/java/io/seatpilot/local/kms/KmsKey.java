package io.seatpilot.local.kms;

import java.time.Instant;
import javax.crypto.SecretKey;

/**
 * One KMS key. Immutable: state changes replace the whole value in the registry, so a request that
 * already holds a key sees one consistent snapshot of it.
 */
record KmsKey(String id, String arn, KeySpec spec, SecretKey material, Origin origin, String description,
              Instant creationDate, KeyState state, Instant deletionDate) {

    /** Where the key material came from, as DescribeKey reports it. */
    enum Origin {
        AWS_KMS,
        EXTERNAL
    }

    KmsKey withState(KeyState newState, Instant newDeletionDate) {
        return new KmsKey(id, arn, spec, material, origin, description, creationDate, newState, newDeletionDate);
    }

    /** Rejects cryptographic use the way AWS does: state is checked before usage. */
    KmsKey requireUsableFor(KeyUsage usage) {
        switch (state) {
            case ENABLED -> { }
            case DISABLED -> throw KmsError.of("DisabledException", arn + " is disabled.");
            case PENDING_DELETION -> throw pendingDeletion();
        }
        if (spec.usage() != usage) {
            throw KmsError.of("InvalidKeyUsageException",
                    arn + " key usage is " + spec.usage() + " which is not valid for this operation.");
        }
        return this;
    }

    KmsError pendingDeletion() {
        return KmsError.of("KMSInvalidStateException", arn + " is pending deletion.");
    }
}
