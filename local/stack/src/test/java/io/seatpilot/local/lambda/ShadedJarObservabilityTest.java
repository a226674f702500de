package io.seatpilot.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency diet of issue 12 excludes libraries that Powertools and the EMF library declare but that our use
 * of them never loads. Compile-time checks cannot prove that, so this runs the deployable ingest jar (built by the
 * package phase before these tests) in a fresh JVM, as Lambda would with its environment, and reads what it prints:
 * the structured log fields and the EMF documents must be there, and the excluded libraries must not be.
 */
class ShadedJarObservabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Entry prefixes of the libraries the root pom excludes; none may ship. */
    private static final List<String> EXCLUDED = List.of("io/burt/jmespath/", "com/fasterxml/jackson/datatype/joda/",
            "software/amazon/lambda/powertools/utilities/", "org/javatuples/", "com/fasterxml/jackson/datatype/jsr310/");

    @TempDir
    Path driverClasses;

    @Test
    void theIngestJarLogsJsonWithItsFieldsAndPrintsEmfWithoutTheExcludedLibraries() throws Exception {
        Path jar = Path.of(System.getProperty("seatpilot.repo.root", "../.."), "functions/ingest/target/lambda.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run the package phase (./mvnw verify -pl local/stack -am)");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> shipped = zip.stream().map(e -> e.getName()).filter(n -> EXCLUDED.stream().anyMatch(n::startsWith)).toList();
            assertEquals(List.of(), shipped, "excluded libraries are back in the jar");
        }

        List<JsonNode> lines = run(jar);

        JsonNode refused = only(lines, l -> "POST /v1/events".equals(l.path("event").asText()) && l.path("message").asText().startsWith("refused 401"));
        assertEquals("INFO", refused.path("level").asText());
        assertEquals("driver-request-1", refused.path("request_id").asText());
        assertEquals("driver-invocation", refused.path("function_request_id").asText());
        assertEquals("IngestFunction", refused.path("function_name").asText());
        assertEquals("ingest", refused.path("service").asText());
        assertTrue(refused.path("cold_start").isBoolean(), refused.toString());
        assertTrue(refused.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), refused.toString());

        JsonNode tenant = only(lines, l -> "tenant line".equals(l.path("message").asText()));
        assertEquals("t-driver", tenant.path("tenant").asText());
        assertEquals("driver", tenant.path("event").asText());

        JsonNode count = only(lines, l -> l.has("DriverCount"));
        assertEquals(2, count.get("DriverCount").asInt());
        assertEquals("kiosk", count.path("channel").asText());
        JsonNode directive = count.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("SeatPilot", directive.get("Namespace").asText());
        assertEquals("Count", directive.get("Metrics").get(0).get("Unit").asText());
        JsonNode stages = only(lines, l -> l.has("DriverStageMs"));
        assertEquals("Milliseconds", stages.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Unit").asText());
    }

    private List<JsonNode> run(Path jar) throws IOException, InterruptedException, URISyntaxException {
        Path compiled = Path.of(ShadedJarDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = Path.of(ShadedJarDriver.class.getPackageName().replace('.', '/'));
        Files.createDirectories(driverClasses.resolve(pkg));
        // only the driver's own classes beside the jar: the test class path's resources (and log configs) stay out
        try (Stream<Path> files = Files.list(compiled.resolve(pkg))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(ShadedJarDriver.class.getSimpleName())).toList()) {
                Files.copy(f, driverClasses.resolve(pkg).resolve(f.getFileName()));
            }
        }
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-cp", jar + File.pathSeparator + driverClasses, ShadedJarDriver.class.getName());
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        var environment = builder.environment();
        // as Lambda sets it: the EMF library finds its Lambda environment (stdout) by the function name
        environment.remove("AWS_EMF_ENVIRONMENT");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "IngestFunction");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("POWERTOOLS_SERVICE_NAME", "ingest");
        environment.put("POWERTOOLS_METRICS_DISABLED", "false");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "driver did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("DRIVER status=401"), output);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().filter(l -> l.startsWith("{")).toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static JsonNode only(List<JsonNode> lines, java.util.function.Predicate<JsonNode> which) {
        List<JsonNode> found = lines.stream().filter(which).toList();
        assertEquals(1, found.size(), "expected one such line in " + lines);
        return found.getFirst();
    }
}
