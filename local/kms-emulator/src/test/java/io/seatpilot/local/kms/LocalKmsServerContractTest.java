package io.seatpilot.local.kms;

import java.net.URI;
import java.util.Optional;

/** The contract against this module's endpoint, which must follow AWS on every point the contract checks. */
class LocalKmsServerContractTest extends KmsContract {

    private LocalKmsServer server;

    @Override
    protected Optional<URI> startTarget() {
        server = LocalKmsServer.builder().build().start();
        return Optional.of(server.endpoint());
    }

    @Override
    protected void stopTarget() {
        if (server != null) {
            server.close();
        }
    }
}
