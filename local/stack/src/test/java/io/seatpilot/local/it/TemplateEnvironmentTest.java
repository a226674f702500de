package io.seatpilot.local.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.local.template.Intrinsics;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the code reads is set by template.yaml: for a function module, by that function's
 * own environment (Globals included); for the shared layer, by at least one function. Variables Lambda itself
 * provides are exempt.
 */
class TemplateEnvironmentTest {

    private static final Pattern READ = Pattern.compile("(?:require|optional|getenv)\\(\"([A-Z][A-Z0-9_]+)\"");
    private static final Set<String> PROVIDED_BY_LAMBDA = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "_X_AMZN_TRACE_ID", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            "AWS_LAMBDA_INITIALIZATION_TYPE",
            // The SDK's endpoint-override convention: set by the local stack only, absent (AWS defaults) in a stage.
            "AWS_ENDPOINT_URL_");

    private final Path root = Path.of(System.getProperty("seatpilot.repo.root"));
    private final Template template = TemplateLoader.load(root.resolve("template.yaml"));

    @Test
    void everyVariableAFunctionReadsIsSetForThatFunction() {
        Map<String, Set<String>> setByModule = new TreeMap<>();
        Set<String> setAnywhere = new TreeSet<>();
        for (var function : template.resourcesOfType("AWS::Serverless::Function")) {
            Set<String> names = variables(function.properties());
            String codeUri = String.valueOf(function.properties().get("CodeUri"));
            String module = codeUri.replaceAll("/target/.*$", "");
            setByModule.computeIfAbsent(module, k -> new TreeSet<>()).addAll(names);
            setAnywhere.addAll(names);
        }
        assertFalse(setByModule.isEmpty());
        Map<String, Set<String>> missing = new TreeMap<>();
        setByModule.forEach((module, names) -> reads(root.resolve(module).resolve("src/main")).stream()
                .filter(name -> !names.contains(name) && !PROVIDED_BY_LAMBDA.contains(name))
                .forEach(name -> missing.computeIfAbsent(module, k -> new TreeSet<>()).add(name)));
        reads(root.resolve("layers")).stream()
                .filter(name -> !setAnywhere.contains(name) && !PROVIDED_BY_LAMBDA.contains(name))
                .forEach(name -> missing.computeIfAbsent("layers", k -> new TreeSet<>()).add(name));
        assertTrue(missing.isEmpty(), "read by code but never set by template.yaml: " + missing);
    }

    @Test
    void theCheckFindsWhatTheSharedLayerReads() {
        Set<String> layerReads = reads(root.resolve("layers"));
        assertTrue(layerReads.contains("TABLE_NAME") && layerReads.contains("INGEST_QUEUE_URL"), layerReads::toString);
    }

    private static Set<String> variables(Map<String, Object> properties) {
        var environment = Intrinsics.asMap(properties.getOrDefault("Environment", Map.of()));
        return new TreeSet<>(Intrinsics.asMap(environment.getOrDefault("Variables", new HashMap<>())).keySet());
    }

    private static Set<String> reads(Path dir) {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")).forEach(f -> {
                try {
                    Matcher m = READ.matcher(Files.readString(f));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
