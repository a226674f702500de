package io.seatpilot.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmark 3 of issue 2: launches fresh JVMs on the ingest function's deployable jar and measures launch → first
 * answered request, for the real handler (a signed envelope: key lookup, secret derivation through KMS, nonce,
 * SQS) and for a minimal handler that only builds the same AWS clients; the two alternate, and the ratio of the
 * medians is printed. Then weighs every function's deployable jar.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.coldstart.ColdStartBenchmark [runs=7]} after {@code ./mvnw package}.
 */
public final class ColdStartBenchmark {

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path root = Path.of("").toAbsolutePath();
        Path ingestJar = root.resolve("functions/ingest/target/lambda.jar");
        Path probeClasses = root.resolve("bench/target/classes");
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start()) {
            String admin = stack.issueToken("coldstart", List.of("admin"), List.of());
            JsonNode key = Json.MAPPER.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(stack.httpEndpoint().resolve("/v1/devices"))
                    .header("authorization", "Bearer " + admin).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"device_id\":\"probe\",\"role\":\"kiosk\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            Map<String, String> env = stack.function("IngestFunction").environment();
            List<Long> real = new ArrayList<>();
            List<Long> baseline = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                real.add(probe("ingest", ingestJar, probeClasses, env, key));
                baseline.add(probe("baseline", ingestJar, probeClasses, env, key));
            }
            long realMedian = median(real);
            long baselineMedian = median(baseline);
            System.out.println("cold start, JVM launch → first answered request (ms), " + runs + " fresh JVMs each");
            System.out.println("  ingest handler (signed envelope): median " + realMedian + "  all " + real);
            System.out.println("  minimal handler (same clients)  : median " + baselineMedian + "  all " + baseline);
            System.out.printf("  ratio ingest / minimal: %.2f%n", (double) realMedian / baselineMedian);
        }
        System.out.println("deployable jar sizes (functions/*/target/lambda.jar):");
        try (Stream<Path> jars = Files.list(root.resolve("functions"))) {
            for (Path jar : jars.map(dir -> dir.resolve("target/lambda.jar")).filter(Files::exists).sorted().toList()) {
                System.out.printf("  %-40s %6.1f MB%n", root.relativize(jar), Files.size(jar) / 1_000_000.0);
            }
        }
    }

    private static long probe(String kind, Path jar, Path probeClasses, Map<String, String> env, JsonNode key)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", jar + java.io.File.pathSeparator + probeClasses));
        env.forEach((k, v) -> command.add("-Denv." + k + "=" + v));
        command.add("-Dprobe.keyId=" + key.get("key_id").asText());
        command.add("-Dprobe.secret=" + key.get("secret").asText());
        command.add(ColdStartProbe.class.getName());
        command.add(kind);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output.lines().filter(l -> l.startsWith("PROBE ")).findFirst()
                .map(l -> {
                    if (!l.contains("status=202") && !l.contains("status=200")) {
                        throw new IllegalStateException("probe answered " + l);
                    }
                    return Long.parseLong(l.substring(l.indexOf("ms=") + 3));
                })
                .orElseThrow(() -> new IllegalStateException("probe printed no result:\n" + output));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
