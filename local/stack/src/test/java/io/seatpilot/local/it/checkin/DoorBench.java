package io.seatpilot.local.it.checkin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Figures the door app's browser tests measure on the way (never asserted: timing is not a test's business).
 * Printed, and appended to target/door-bench.txt for bench/RESULTS.md.
 */
final class DoorBench {

    private DoorBench() {
    }

    static void report(String what, List<Double> millis) {
        List<Double> sorted = millis.stream().sorted().toList();
        String line = String.format(Locale.ROOT, "%s: n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms", what, sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.95), sorted.get(sorted.size() - 1));
        System.out.println(line);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "door-bench.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nearest rank. */
    static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
