package io.seatpilot.local.messaging;

import java.net.URI;
import java.util.Optional;

/** The contract against this module's endpoint, which must follow AWS on every point the contract checks. */
class LocalMessagingServerContractTest extends MessagingContract {

    private LocalMessagingServer server;

    @Override
    protected Optional<URI> startTarget() {
        server = LocalMessagingServer.builder().build().start();
        return Optional.of(server.endpoint());
    }

    @Override
    protected void stopTarget() {
        if (server != null) {
            server.close();
        }
    }
}
