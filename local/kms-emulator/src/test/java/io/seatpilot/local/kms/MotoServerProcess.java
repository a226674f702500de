package io.seatpilot.local.kms;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code moto_server} as a child process on a free loopback port, for the reference run of a contract: the KMS one here,
 * and the SES/SNS one of local/messaging-emulator (which takes it from this module's test jar).
 */
public final class MotoServerProcess implements ContractTarget {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final URI endpoint;

    private MotoServerProcess(Process process, Path log, URI endpoint) {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
    }

    public static Optional<Path> executable() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "moto_server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    public static MotoServerProcess start(Path executable) throws IOException, InterruptedException {
        int port = freePort();
        Path log = Files.createTempFile("moto-server-", ".log");
        Process process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        var moto = new MotoServerProcess(process, log, URI.create("http://127.0.0.1:" + port));
        moto.awaitAnswer();
        return moto;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
        // The PATH entry may be a wrapper (pyenv shim); its descendants are the real server.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            var probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build();
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    fail("moto_server exited with " + process.exitValue() + ":\n" + Files.readString(log));
                }
                try {
                    http.send(probe, HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException notYetListening) {
                    Thread.sleep(100);
                }
            }
        }
        close();
        fail("moto_server did not answer within " + STARTUP_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
