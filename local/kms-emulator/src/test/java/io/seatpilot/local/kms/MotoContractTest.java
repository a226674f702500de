package io.seatpilot.local.kms;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The contract against moto, the reference for protocol shape: if LocalKmsServer and moto pass the same
 * assertions through the real SDK, the hand-written endpoint is not merely agreeing with itself.
 * Skipped when {@code moto_server} is not on PATH; fails if it is there but will not start.
 */
class MotoContractTest extends KmsContract {

    @Override
    protected Optional<ContractTarget> startTarget() throws Exception {
        return ContractTarget.moto();
    }

    /** Where moto 5.2 departs from the AWS API reference; LocalKmsServer follows AWS on each. */
    @Override
    protected Set<AwsBehaviour> missingAwsBehaviours() {
        return EnumSet.of(
                // moto's KeyMetadata has no MacAlgorithms member at all.
                AwsBehaviour.DESCRIBES_MAC_ALGORITHMS,
                // moto records the Disabled state but never consults it when a key is used.
                AwsBehaviour.DISABLED_KEY_REFUSES_CRYPTO,
                // moto encrypts with whatever key material it holds, HMAC keys included.
                AwsBehaviour.ENCRYPT_CHECKS_KEY_USAGE,
                // moto computes the MAC with the requested digest whatever the key spec.
                AwsBehaviour.MAC_ALGORITHM_MUST_MATCH_KEY_SPEC,
                // moto answers a mismatched KeyId with AccessDeniedException.
                AwsBehaviour.DECRYPT_CHECKS_NAMED_KEY,
                // moto ignores DryRun and performs the operation.
                AwsBehaviour.DRY_RUN,
                // moto ignores Limit and always returns every key with Truncated=false.
                AwsBehaviour.LIST_KEYS_PAGINATION);
    }
}
