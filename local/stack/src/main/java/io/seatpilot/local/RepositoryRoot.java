package io.seatpilot.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the repository: the folder holding template.yaml, where the stack's inputs (template, dashboard) live. */
public final class RepositoryRoot {

    static final String PROPERTY = "seatpilot.repo.root";
    static final String TEMPLATE = "template.yaml";

    private RepositoryRoot() {
    }

    /** The system property {@value #PROPERTY} if set, else the nearest folder upwards from the working directory. */
    public static Path locate() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of)
                .or(() -> upwardsFrom(Path.of("").toAbsolutePath()))
                .orElseThrow(() -> new IllegalStateException("No " + TEMPLATE + " in " + Path.of("").toAbsolutePath()
                        + " or above; run from the repository or set -D" + PROPERTY));
    }

    private static Optional<Path> upwardsFrom(Path start) {
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(TEMPLATE))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }
}
