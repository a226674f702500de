package io.seatpilot.local.kms;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An endpoint a contract runs against (the {@code KmsContract} here, the {@code MessagingContract} of
 * local/messaging-emulator, which takes this from the module's test jar), stopped when the contract is done.
 */
public interface ContractTarget extends AutoCloseable {

    URI endpoint();

    /** An endpoint of this JVM, stopped by closing {@code server}. */
    static ContractTarget of(URI endpoint, AutoCloseable server) {
        return new ContractTarget() {
            @Override
            public URI endpoint() {
                return endpoint;
            }

            @Override
            public void close() throws Exception {
                server.close();
            }
        };
    }

    /**
     * {@code moto_server}, the reference for protocol shape, when it is on PATH; empty otherwise, and every test of
     * the contract is then skipped one by one. A moto that is there but will not start fails the contract.
     */
    static Optional<ContractTarget> moto() throws IOException, InterruptedException {
        Optional<Path> executable = MotoServerProcess.executable();
        return executable.isEmpty() ? Optional.empty() : Optional.of(MotoServerProcess.start(executable.get()));
    }
}
