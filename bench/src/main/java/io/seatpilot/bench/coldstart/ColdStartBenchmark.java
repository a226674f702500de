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
 * medians is printed. A third probe alternates with them, the same clients making the request's five calls with
 * the SDK alone: the ratio to it is what SeatPilot's own code adds to a cold start; a fourth adds to those calls the
 * one EMF document the request writes. Then weighs every function's deployable jar.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.coldstart.ColdStartBenchmark [runs=7] [trace]} after {@code ./mvnw package}.
 * With {@code trace}, the fresh JVMs run {@link ColdStartTrace} instead (the ingest handler's parts built one after
 * the other) and the median of each part is printed.
 */
public final class ColdStartBenchmark {

    /**
     * {@code -Dcoldstart.compareJar=<path>}: another build of the ingest jar (e.g. before a change), probed in the same
     * run, alternating with this tree's, so that both are measured under the same load (also in trace mode).
     */
    private static final String COMPARE_JAR = System.getProperty("coldstart.compareJar");
    /** {@code -Dcoldstart.classLog=<dir>}: each trace's or probe's output, with every class it loaded, goes to a file there. */
    private static final String CLASS_LOG = System.getProperty("coldstart.classLog");
    /**
     * {@code -Dcoldstart.pauseMs=<ms>}: a pause before each fresh JVM that sends signed requests. Each one leases 10 of
     * the probe key's 30-per-10-s ingest budget (SPEC §14) and spends one or two, so a fourth JVM within one window is
     * refused (429) and the run stops; on an idle machine the JVMs come that fast. 4000 keeps it to three a window.
     */
    private static final long PAUSE_MS = Long.getLong("coldstart.pauseMs", 0);

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        boolean trace = args.length > 1 && args[1].equals("trace");
        Path root = Path.of("").toAbsolutePath();
        Path ingestJar = root.resolve("functions/ingest/target/lambda.jar");
        Path probeClasses = ProbeClassPath.coldStartClassesOnly(root.resolve("bench/target/classes"));
        System.out.println("load average at start: " + loadAverage());
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start()) {
            String admin = stack.issueToken("coldstart", List.of("admin"), List.of());
            JsonNode key = Json.MAPPER.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(stack.httpEndpoint().resolve("/v1/devices"))
                    .header("authorization", "Bearer " + admin).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"device_id\":\"probe\",\"role\":\"kiosk\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            Map<String, String> env = stack.function("IngestFunction").environment();
            if (trace) {
                trace(runs, ingestJar, probeClasses, env, key);
                System.exit(0);
            }
            List<Map<String, Long>> real = new ArrayList<>();
            List<Map<String, Long>> baseline = new ArrayList<>();
            List<Map<String, Long>> calls = new ArrayList<>();
            List<Map<String, Long>> callsEmf = new ArrayList<>();
            List<Map<String, Long>> compareReal = new ArrayList<>();
            List<Map<String, Long>> compareBaseline = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                real.add(probe("ingest", ingestJar, probeClasses, env, key));
                baseline.add(probe("baseline", ingestJar, probeClasses, env, key));
                calls.add(probe("calls", ingestJar, probeClasses, env, key));
                callsEmf.add(probe("calls+emf", ingestJar, probeClasses, env, key));
                if (COMPARE_JAR != null) {
                    compareReal.add(probe("ingest", Path.of(COMPARE_JAR), probeClasses, env, key));
                    compareBaseline.add(probe("baseline", Path.of(COMPARE_JAR), probeClasses, env, key));
                }
            }
            if (COMPARE_JAR != null) {
                System.out.println("compared jar " + COMPARE_JAR + ", same run:");
                System.out.println("  ingest handler: median " + median(compareReal, "ms") + "  all " + all(compareReal, "ms"));
                System.out.println("  minimal handler: median " + median(compareBaseline, "ms") + "  all " + all(compareBaseline, "ms"));
                System.out.printf("  ratio ingest / minimal: %.2f%n", (double) median(compareReal, "ms") / median(compareBaseline, "ms"));
                System.out.printf("  CPU ms at the answer: ingest %d, minimal %d, ratio %.2f%n", median(compareReal, "cpu_ms"),
                        median(compareBaseline, "cpu_ms"), (double) median(compareReal, "cpu_ms") / median(compareBaseline, "cpu_ms"));
                for (String part : List.of("to_main_ms", "construct_ms", "request_ms", "classes")) {
                    System.out.printf("    %-13s ingest %6d  minimal %6d%n", part, median(compareReal, part), median(compareBaseline, part));
                }
                System.out.println("this tree's jar " + ingestJar + ":");
            }
            long realMedian = median(real, "ms");
            long baselineMedian = median(baseline, "ms");
            System.out.println("cold start, JVM launch → first answered request (ms), " + runs + " fresh JVMs each");
            System.out.println("  ingest handler (signed envelope): median " + realMedian + "  all " + all(real, "ms"));
            System.out.println("  minimal handler (same clients)  : median " + baselineMedian + "  all " + all(baseline, "ms"));
            System.out.printf("  ratio ingest / minimal: %.2f%n", (double) realMedian / baselineMedian);
            System.out.printf("  CPU ms at the answer: ingest %d, minimal %d, ratio %.2f%n", median(real, "cpu_ms"),
                    median(baseline, "cpu_ms"), (double) median(real, "cpu_ms") / median(baseline, "cpu_ms"));
            // the peer that makes the request's own calls: what is left of the ratio is SeatPilot's code, not the request
            System.out.println("  same clients, same 5 calls, SDK alone: median " + median(calls, "ms") + "  all " + all(calls, "ms"));
            System.out.printf("  ratio ingest / same calls: %.2f (CPU %d vs %d ms: %.2f)%n", (double) realMedian / median(calls, "ms"),
                    median(real, "cpu_ms"), median(calls, "cpu_ms"), (double) median(real, "cpu_ms") / median(calls, "cpu_ms"));
            // and with the one EMF document the request writes: what is left is SeatPilot's code beyond its libraries
            System.out.println("  same calls + one EMF document (Powertools): median " + median(callsEmf, "ms") + "  all " + all(callsEmf, "ms"));
            System.out.printf("  ratio ingest / same calls + EMF: %.2f (CPU %d vs %d ms: %.2f)%n", (double) realMedian / median(callsEmf, "ms"),
                    median(real, "cpu_ms"), median(callsEmf, "cpu_ms"), (double) median(real, "cpu_ms") / median(callsEmf, "cpu_ms"));
            System.out.println("  medians of the parts (ms; classes loaded by the answer):");
            for (String part : List.of("to_main_ms", "construct_ms", "request_ms", "classes", "cpu_ms")) {
                System.out.printf("    %-13s ingest %6d  minimal %6d  same calls %6d  same calls + EMF %6d%n", part, median(real, part),
                        median(baseline, part), median(calls, part), median(callsEmf, part));
            }
            System.out.println("load average at end: " + loadAverage());
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

    /**
     * Fresh JVMs running {@link ColdStartTrace}: the median time and classes of each part, in the trace's order. With
     * {@code coldstart.compareJar}, that jar's trace alternates with this tree's, and both are printed.
     */
    private static void trace(int runs, Path jar, Path probeClasses, Map<String, String> env, JsonNode key)
            throws IOException, InterruptedException {
        Map<String, List<long[]>> parts = new java.util.LinkedHashMap<>();
        Map<String, List<long[]>> compareParts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            traceOnce(jar, probeClasses, env, key, parts, "coldstart-trace-" + i + ".log");
            if (COMPARE_JAR != null) {
                traceOnce(Path.of(COMPARE_JAR), probeClasses, env, key, compareParts, "coldstart-trace-compared-" + i + ".log");
            }
        }
        if (COMPARE_JAR != null) {
            System.out.println("compared jar " + COMPARE_JAR + ", same run:");
            printParts(runs, compareParts);
            System.out.println("this tree's jar " + jar + ":");
        }
        printParts(runs, parts);
        System.out.println("load average at end: " + loadAverage());
    }

    private static void traceOnce(Path jar, Path probeClasses, Map<String, String> env, JsonNode key,
            Map<String, List<long[]>> parts, String logName) throws IOException, InterruptedException {
        Thread.sleep(PAUSE_MS);
        String output = run(ColdStartTrace.class.getName(), "trace", jar, probeClasses, env, key);
        if (CLASS_LOG != null) {
            Files.writeString(Path.of(CLASS_LOG, logName), output);
        }
        output.lines().filter(l -> l.startsWith("TRACE ")).forEach(line -> {
            String name = line.substring(6, line.indexOf(" ms="));
            long ms = Long.parseLong(field(line, "ms"));
            long classes = line.contains(" classes=") ? Long.parseLong(field(line, "classes")) : 0;
            parts.computeIfAbsent(name, n -> new ArrayList<>()).add(new long[] {ms, classes});
        });
    }

    private static void printParts(int runs, Map<String, List<long[]>> parts) {
        System.out.println("ingest handler's cold start part by part, " + runs + " fresh JVMs, medians (ms, classes loaded)");
        parts.forEach((name, figures) -> {
            List<Long> ms = new ArrayList<>(figures.stream().map(f -> f[0]).toList());
            List<Long> classes = new ArrayList<>(figures.stream().map(f -> f[1]).toList());
            Collections.sort(ms);
            Collections.sort(classes);
            System.out.printf("  %-40s %6d ms %6d classes   all ms %s%n", name, ms.get(ms.size() / 2), classes.get(classes.size() / 2),
                    figures.stream().map(f -> f[0]).toList());
        });
    }

    private static String field(String line, String name) {
        int from = line.indexOf(" " + name + "=") + name.length() + 2;
        int to = line.indexOf(' ', from);
        return line.substring(from, to < 0 ? line.length() : to);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Map<String, Long> probe(String kind, Path jar, Path probeClasses, Map<String, String> env, JsonNode key)
            throws IOException, InterruptedException {
        if (kind.equals("ingest")) {
            Thread.sleep(PAUSE_MS);
        }
        String output = run(ColdStartProbe.class.getName(), kind, jar, probeClasses, env, key);
        if (CLASS_LOG != null) {
            // every class each probe loaded, to diff one probe's against another's
            Files.writeString(Files.createTempFile(Path.of(CLASS_LOG), "coldstart-" + kind + "-" + jar.getFileName() + "-", ".log"), output);
        }
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

    private static String run(String mainClass, String kind, Path jar, Path probeClasses, Map<String, String> env, JsonNode key)
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
        if (CLASS_LOG != null) {
            // the trace's TRACE lines and the loaded classes, in order, on one stream
            command.add("-Xlog:class+load=info:stdout");
        }
        command.add(mainClass);
        command.add(kind);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
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
