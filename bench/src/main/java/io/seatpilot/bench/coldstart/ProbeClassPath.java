package io.seatpilot.bench.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The class path entry a cold-start probe adds to a function's jar: this package's classes only. The bench module's
 * classes also register SDK interceptors for every client in the JVM (its global {@code execution.interceptors}: the
 * call counter, which asks DynamoDB for consumed capacity on each request, and the call timer); a cold-start probe
 * with them would load and run code the function does not have, on its side of the ratio only.
 */
final class ProbeClassPath {

    private ProbeClassPath() {
    }

    static Path coldStartClassesOnly(Path benchClasses) {
        String pkg = ProbeClassPath.class.getPackageName().replace('.', '/');
        try {
            Path copy = Files.createTempDirectory("coldstart-probe");
            Path target = Files.createDirectories(copy.resolve(pkg));
            try (Stream<Path> classes = Files.list(benchClasses.resolve(pkg))) {
                for (Path file : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
                    Files.copy(file, target.resolve(file.getFileName().toString()));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
