package io.seatpilot.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository (examples, vectors) from a test, wherever Maven runs it. */
public final class RepoFiles {

    private RepoFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("seatpilot.repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root (with template.yaml) not found from " + start);
    }
}
