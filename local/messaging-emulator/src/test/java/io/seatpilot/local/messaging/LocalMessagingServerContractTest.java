package io.seatpilot.local.messaging;

import io.seatpilot.local.kms.ContractTarget;
import java.util.Optional;

/** The contract against this module's endpoint, which must follow AWS on every point the contract checks. */
class LocalMessagingServerContractTest extends MessagingContract {

    @Override
    protected Optional<ContractTarget> startTarget() {
        LocalMessagingServer server = LocalMessagingServer.builder().build().start();
        return Optional.of(ContractTarget.of(server.endpoint(), server));
    }
}
