package io.seatpilot.local.kms;

import java.util.Optional;

/** The contract against this module's endpoint, which must follow AWS on every point the contract checks. */
class LocalKmsServerContractTest extends KmsContract {

    @Override
    protected Optional<ContractTarget> startTarget() {
        LocalKmsServer server = LocalKmsServer.builder().build().start();
        return Optional.of(ContractTarget.of(server.endpoint(), server));
    }
}
