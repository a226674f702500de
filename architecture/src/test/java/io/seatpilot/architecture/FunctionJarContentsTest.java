package io.seatpilot.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What is actually deployed: each function's shaded {@code lambda.jar} (built in the package phase, before this
 * module's tests since it depends on every function) holds no local-stack or bench class. {@link ArchitectureTest}
 * sees compiled dependencies on the class path; this sees what shading put in the jars, by their entries (reading
 * the classes with ArchUnit took 9 s a jar for nothing more).
 */
class FunctionJarContentsTest {

    @Test
    void noFunctionJarCarriesLocalStackOrBenchCode() throws IOException {
        Path root = Path.of(System.getProperty("seatpilot.repo.root", ".."));
        List<Path> jars;
        try (Stream<Path> functions = Files.list(root.resolve("functions"))) {
            jars = functions.map(f -> f.resolve("target/lambda.jar")).filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(jars.isEmpty(), "no functions/*/target/lambda.jar under " + root.toAbsolutePath()
                + ": package the functions first (this module's reactor build does)");
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                List<String> ours = file.stream().map(JarEntry::getName)
                        .filter(name -> name.startsWith("io/seatpilot/") && name.endsWith(".class")).toList();
                assertTrue(ours.size() > 0, jar + " holds no io.seatpilot class");
                assertEquals(List.of(), ours.stream()
                                .filter(name -> name.startsWith("io/seatpilot/local/") || name.startsWith("io/seatpilot/bench/")).toList(),
                        "local-stack or bench classes in " + root.relativize(jar));
            }
        }
    }
}
