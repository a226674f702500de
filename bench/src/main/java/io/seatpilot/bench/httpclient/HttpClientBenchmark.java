package io.seatpilot.bench.httpclient;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.store.Keys;
import io.seatpilot.local.DemoDeviceKey;
import io.seatpilot.local.LocalStack;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Issue 12: which SDK HTTP client should the functions' AWS clients share? For each {@link Candidate}, fresh JVMs
 * on the ingest function's deployable jar plus the candidate's jars ({@link HttpClientProbe}) time JVM launch →
 * clients built → first DynamoDB GetItem → first KMS GenerateMac answered, through the local stack's IAM gates
 * and stand-ins as the ingest function's role, then the warm p50/p95 of the same two calls. Candidates alternate
 * run by run (the starting one rotates), and medians are printed with their ratio to URL-connection. Then weighs
 * what each candidate adds to a function jar: the compressed bytes of its jars' entries that the jar does not
 * already hold without any HTTP client.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.httpclient.HttpClientBenchmark [runs=5] [warmUpCalls=200] [measuredCalls=100]}.
 */
public final class HttpClientBenchmark {

    /** Lambda's arm64 runtime (template.yaml, Globals) loads this one of the CRT jar's native libraries. */
    private static final String CRT_LAMBDA_NATIVE = "linux/armv8/glibc/libaws-crt-jni.so";

    private HttpClientBenchmark() {
    }

    record Run(long built, long read, long answered, long cpu, long peakKb, long get50, long get95, long mac50, long mac95) {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind after it stopped (also when a probe failed)
        System.exit(status);
    }

    private static void run(String[] args) throws Exception {
        long started = System.nanoTime();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmUpCalls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int measuredCalls = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Path root = Path.of("").toAbsolutePath();
        Path functionJar = root.resolve("functions/ingest/target/lambda.jar");
        Path probeClasses = root.resolve("bench/target/classes");
        List<Candidate> candidates = List.of(Candidate.values());
        Map<Candidate, List<Run>> results = new EnumMap<>(Candidate.class);
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start()) {
            DemoDeviceKey key = Objects.requireNonNull(stack.demoDeviceKey(), "the stack issued no device key to read");
            Map<String, String> env = stack.function("IngestFunction").environment();
            Map<String, String> credentials = roleCredentials(env);
            List<String> properties = List.of(
                    "-Dprobe.region=" + env.getOrDefault("AWS_REGION", "us-east-1"),
                    "-Dprobe.dynamoEndpoint=" + env.get("AWS_ENDPOINT_URL_DYNAMODB"),
                    "-Dprobe.kmsEndpoint=" + env.get("AWS_ENDPOINT_URL_KMS"),
                    "-Dprobe.table=" + env.get("TABLE_NAME"),
                    "-Dprobe.pk=" + Keys.tenant(key.tenantId(), "KEY", key.keyId()),
                    "-Dprobe.sk=KEY",
                    "-Dprobe.macKey=" + env.get("DEVICE_KEY_ROOT_ID"),
                    "-Dprobe.macMessage=http-client-benchmark|" + key.keyId());
            for (int run = 0; run < runs; run++) {
                for (int i = 0; i < candidates.size(); i++) {
                    Candidate candidate = candidates.get((run + i) % candidates.size());
                    results.computeIfAbsent(candidate, c -> new ArrayList<>())
                            .add(probe(candidate, functionJar, probeClasses, properties, credentials, warmUpCalls, measuredCalls));
                }
            }
        }
        report(results, runs, warmUpCalls, measuredCalls);
        weigh(functionJar, candidates);
        System.out.printf("benchmark took %d s (stack start included)%n", (System.nanoTime() - started) / 1_000_000_000);
    }

    private static Run probe(Candidate candidate, Path functionJar, Path probeClasses, List<String> properties,
                             Map<String, String> credentials, int warmUpCalls, int measuredCalls) throws IOException, InterruptedException {
        String classPath = Stream.concat(Stream.of(functionJar, probeClasses), candidate.jars().stream())
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        // the flags of ColdStartBenchmark, which are the functions' JAVA_TOOL_OPTIONS (template.yaml, Globals)
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath));
        command.addAll(properties);
        command.addAll(List.of(HttpClientProbe.class.getName(), candidate.name(), Integer.toString(warmUpCalls),
                Integer.toString(measuredCalls)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(credentials);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        String line = output.lines().filter(l -> l.startsWith("PROBE ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(candidate.label + " probe printed no result:\n" + output));
        Map<String, Long> values = Arrays.stream(line.substring("PROBE ".length()).split(" "))
                .map(pair -> pair.split("=")).collect(Collectors.toMap(pair -> pair[0], pair -> Long.parseLong(pair[1])));
        return new Run(values.get("built"), values.get("read"), values.get("answered"), values.get("cpu"), values.get("peakKb"),
                values.get("get50"), values.get("get95"), values.get("mac50"), values.get("mac95"));
    }

    /** The function role's session credentials, from the container endpoint the local stack gives the function. */
    private static Map<String, String> roleCredentials(Map<String, String> env) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")))
                        .header("Authorization", env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.MAPPER.readTree(response.body());
        return Map.of("PROBE_ACCESS_KEY_ID", body.path("AccessKeyId").asText(),
                "PROBE_SECRET_ACCESS_KEY", body.path("SecretAccessKey").asText(),
                "PROBE_SESSION_TOKEN", body.path("Token").asText());
    }

    private static void report(Map<Candidate, List<Run>> results, int runs, int warmUpCalls, int measuredCalls) {
        List<Run> baseline = results.get(Candidate.URL_CONNECTION);
        System.out.println("SDK HTTP client, " + runs + " fresh JVMs each (alternating), medians; ratio to url-connection in ()");
        System.out.println("cold (ms since JVM launch): clients built, first GetItem answered, first GenerateMac answered;"
                + " CPU ms and peak RSS MB at that point");
        System.out.println("warm (ms, " + measuredCalls + " calls after " + warmUpCalls + " warm-up calls): GetItem p50/p95, GenerateMac p50/p95");
        System.out.printf("  %-15s %7s %7s %15s %15s %7s | %13s %13s %13s %13s%n", "client", "built", "GetItem",
                "GenerateMac", "CPU", "RSS", "Get p50", "Get p95", "Mac p50", "Mac p95");
        results.forEach((candidate, candidateRuns) -> System.out.printf(
                "  %-15s %7d %7d %15s %15s %7.0f | %13s %13s %13s %13s%n", candidate.label,
                median(candidateRuns, Run::built), median(candidateRuns, Run::read),
                withRatio(candidateRuns, baseline, Run::answered, 1), withRatio(candidateRuns, baseline, Run::cpu, 1),
                median(candidateRuns, Run::peakKb) / 1024.0,
                withRatio(candidateRuns, baseline, Run::get50, 1000), withRatio(candidateRuns, baseline, Run::get95, 1000),
                withRatio(candidateRuns, baseline, Run::mac50, 1000), withRatio(candidateRuns, baseline, Run::mac95, 1000)));
        results.forEach((candidate, candidateRuns) -> System.out.println("  " + candidate.label + " first answers (ms): "
                + candidateRuns.stream().map(Run::answered).toList()));
    }

    private static String withRatio(List<Run> runs, List<Run> baseline, ToLongFunction<Run> figure, int unit) {
        long value = median(runs, figure);
        String shown = unit == 1 ? Long.toString(value) : String.format("%.2f", (double) value / unit);
        return String.format("%s (%.2f)", shown, (double) value / median(baseline, figure));
    }

    private static long median(List<Run> runs, ToLongFunction<Run> figure) {
        List<Long> sorted = new ArrayList<>(runs.stream().map(figure::applyAsLong).toList());
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /**
     * What each candidate adds to a shaded function jar: the compressed size of every entry of its jars that the
     * function jar does not hold once the HTTP client it ships today (URL-connection) is taken out.
     */
    private static void weigh(Path functionJar, List<Candidate> candidates) throws IOException {
        Set<String> candidateEntries = new HashSet<>();
        for (Candidate candidate : candidates) {
            for (Path jar : candidate.jars()) {
                candidateEntries.addAll(entries(jar).keySet());
            }
        }
        Set<String> withoutClient = new HashSet<>(entries(functionJar).keySet());
        withoutClient.removeAll(candidateEntries);
        System.out.println("bytes added to a function jar (compressed entries not already in "
                + Path.of("").toAbsolutePath().relativize(functionJar) + " without its HTTP client):");
        long baselineBytes = 0;
        for (Candidate candidate : candidates) {
            Map<String, Long> perJar = new LinkedHashMap<>();
            for (Path jar : candidate.jars()) {
                perJar.put(jar.getFileName().toString(), sum(added(jar, withoutClient)));
            }
            long total = perJar.values().stream().mapToLong(Long::longValue).sum();
            baselineBytes = candidate == Candidate.URL_CONNECTION ? total : baselineBytes;
            System.out.printf("  %-15s %,11d bytes (%.1f× url-connection)  %s%n", candidate.label, total,
                    (double) total / baselineBytes, perJar);
        }
        Map<String, Long> crtAdded = new HashMap<>();
        for (Path jar : Candidate.CRT.jars()) {
            crtAdded.putAll(added(jar, withoutClient));
        }
        Map<String, Long> natives = crtAdded.entrySet().stream().filter(entry -> isNative(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long lambdaNative = natives.getOrDefault(CRT_LAMBDA_NATIVE, 0L);
        System.out.printf("  aws-crt native libraries: %,d bytes for all %d platforms, of which %s %,d;"
                        + " the CRT client trimmed to that one would add %,d bytes%n",
                sum(natives), natives.size(), CRT_LAMBDA_NATIVE, lambdaNative, sum(crtAdded) - sum(natives) + lambdaNative);
    }

    private static Map<String, Long> added(Path jar, Set<String> present) throws IOException {
        Map<String, Long> entries = entries(jar);
        entries.keySet().removeAll(present);
        return entries;
    }

    private static long sum(Map<String, Long> sizes) {
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static boolean isNative(String entry) {
        return entry.endsWith(".so") || entry.endsWith(".dylib") || entry.endsWith(".dll");
    }

    /** A jar's file entries (no directories, no manifest) by name, with their compressed sizes. */
    private static Map<String, Long> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().filter(entry -> !entry.isDirectory() && !entry.getName().equals("META-INF/MANIFEST.MF"))
                    .collect(Collectors.toMap(ZipEntry::getName, ZipEntry::getCompressedSize, (a, b) -> a, HashMap::new));
        }
    }
}
