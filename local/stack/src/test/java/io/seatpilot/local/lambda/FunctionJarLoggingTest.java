package io.seatpilot.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every deployable jar logs JSON lines through Logback with our configuration. Each jar carries its own slf4j API,
 * and the version Maven picks depends on the function's dependency graph: three jars once shipped the AWS SDK's
 * slf4j 1.7, which finds no provider of the 2.x kind and silently logs nothing. ShadedJarObservabilityTest reads the
 * ingest jar's lines in a fresh JVM; this logs one line through each jar's own slf4j, in a class loader that sees only
 * the jar, and reads it from System.out.
 */
class FunctionJarLoggingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFunctionJarLogsAJsonLineThroughItsOwnSlf4j() throws Exception {
        Path root = Path.of(System.getProperty("seatpilot.repo.root", "../.."));
        List<Path> jars;
        try (Stream<Path> functions = Files.list(root.resolve("functions"))) {
            jars = functions.map(f -> f.resolve("target/lambda.jar")).filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(jars.isEmpty(), "no functions/*/target/lambda.jar: run the package phase (./mvnw verify -pl local/stack -am)");
        List<String> silent = new ArrayList<>();
        for (Path jar : jars) {
            String message = "logged from " + root.relativize(jar);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : logOneLine(jar, message).lines().toList()) {
                lines.add(JSON.readTree(line));
            }
            if (lines.size() != 1 || !lines.getFirst().path("message").asText().equals(message)
                    || !lines.getFirst().path("level").asText().equals("INFO")) {
                silent.add(message + " printed " + lines);
            }
        }
        assertEquals(List.of(), silent);
    }

    private static String logOneLine(Path jar, String message) throws IOException, ReflectiveOperationException {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Object logger = loader.loadClass("org.slf4j.LoggerFactory").getMethod("getLogger", String.class)
                    .invoke(null, "io.seatpilot.jarcheck");
            loader.loadClass("org.slf4j.Logger").getMethod("info", String.class).invoke(logger, message);
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
