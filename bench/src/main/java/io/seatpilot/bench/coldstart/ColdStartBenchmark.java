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
            List<Map<String, Long>> real = new ArrayList<>();
            List<Map<String, Long>> baseline = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                real.add(probe("ingest", ingestJar, probeClasses, env, key));
                baseline.add(probe("baseline", ingestJar, probeClasses, env, key));
            }
            long realMedian = median(real, "ms");
            long baselineMedian = median(baseline, "ms");
            System.out.println("cold start, JVM launch → first answered request (ms), " + runs + " fresh JVMs each");
            System.out.println("  ingest handler (signed envelope): median " + realMedian + "  all " + all(real, "ms"));
            System.out.println("  minimal handler (same clients)  : median " + baselineMedian + "  all " + all(baseline, "ms"));
            System.out.printf("  ratio ingest / minimal: %.2f%n", (double) realMedian / baselineMedian);
            System.out.println("  medians of the parts (ms; classes loaded by the answer):");
            for (String part : List.of("to_main_ms", "construct_ms", "request_ms", "classes")) {
                System.out.printf("    %-13s ingest %6d  minimal %6d%n", part, median(real, part), median(baseline, part));
            }
        }
        System.out.println("deployable jar sizes (functions/*/target/lambda.jar):");
        try (Stream<Path> jars = Files.list(root.resolve("functions"))) {
            for (Path jar : jars.map(dir -> dir.resolve("target/lambda.jar")).filter(Files::exists).sorted().toList()) {
                System.out.printf("  %-40s %6.1f MB%n", root.relativize(jar), Files.size(jar) / 1_000_000.0);
            }
        }
        // DynamoDB Local leaves a non-daemon thread (ShardRolloverJobScheduler, sleeping between shard roll-overs)
        // after the stack is closed, which kept this JVM alive for minutes after its figures: with the output piped
        // (`| tail`) the run looked hung and printed nothing.
        System.exit(0);
    }

    private static Map<String, Long> probe(String kind, Path jar, Path probeClasses, Map<String, String> env, JsonNode key)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", jar + java.io.File.pathSeparator + probeClasses));
        env.forEach((k, v) -> command.add("-Denv." + k + "=" + v));
        // a fresh JVM answering its first request is Lambda's on-demand initialisation; the stack's environment
        // says snap-start, under which the HTTP client closes every connection until a restore that never comes here
        command.add("-Denv.AWS_LAMBDA_INITIALIZATION_TYPE=on-demand");
        command.add("-Dprobe.keyId=" + key.get("key_id").asText());
        command.add("-Dprobe.secret=" + key.get("secret").asText());
        command.add(ColdStartProbe.class.getName());
        command.add(kind);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        String line = output.lines().filter(l -> l.startsWith("PROBE ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("probe printed no result:\n" + output));
        if (!line.contains("status=202") && !line.contains("status=200")) {
            throw new IllegalStateException("probe answered " + line);
        }
        Map<String, Long> figures = new java.util.HashMap<>();
        for (String field : line.split(" ")) {
            int eq = field.indexOf('=');
            if (eq > 0 && !field.startsWith("status")) {
                figures.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
            }
        }
        return figures;
    }

    private static List<Long> all(List<Map<String, Long>> probes, String figure) {
        return probes.stream().map(probe -> probe.get(figure)).toList();
    }

    private static long median(List<Map<String, Long>> probes, String figure) {
        List<Long> sorted = new ArrayList<>(all(probes, figure));
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
