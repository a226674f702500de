package io.seatpilot.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.simulator.DoorSimulation;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issue 12 item 4: what SnapStart priming moves into the snapshot. Per handler (ingest, the door's check-in), fresh
 * JVMs on the function's deployable jar initialise it inside a simulated snapshot — checkpoint and restore hooks
 * run as the local stack runs them — once without its primer and once with it, alternating; each times its first
 * request and the median of 50 warm ones ({@link PrimingProbe}). Printed: medians over the runs and the ratio
 * first / warm for each, the issue's target being ≤ 2 with priming.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.coldstart.PrimingBenchmark [runs=5] [ingest,checkin]} after {@code ./mvnw package}.
 */
public final class PrimingBenchmark {

    private static final int WARM = 50;
    /** Keys per probe: ≤ 7 requests each, under the door's 10 per 10 s (SPEC §14). */
    private static final int KEYS = 8;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** {@code -Dpriming.trace=<dir>}: each probe's output, with every class it loaded, goes to a file there. */
    private static final String TRACE = System.getProperty("priming.trace");
    /** {@code -Dpriming.rounds=<n>}: how many times the primer runs in the {@code +rounds} mode (default 100). */
    private static final int ROUNDS = Integer.getInteger("priming.rounds", 100);
    /**
     * Without priming; primed once, as before restore calls; primed once with the restore calls; and primed
     * {@link #ROUNDS} times with them (C1 compiling the request path into the snapshot). {@code -Dpriming.modes=a,b}
     * runs only those.
     */
    private static final List<String> MODES = modes(List.of(System.getProperty("priming.modes",
            "plain,primed,primed+restore,primed+restore+rounds").split(",")));
    /**
     * {@code -Dpriming.compareJar=<jar>}: another build of the function (e.g. before a change) probed alternately
     * with this tree's in the same run, as modes ending in {@value #BEFORE}.
     */
    private static final String COMPARE_JAR = System.getProperty("priming.compareJar");
    private static final String BEFORE = "@before";

    private static List<String> modes(List<String> asked) {
        if (System.getProperty("priming.compareJar") == null) {
            return asked;
        }
        List<String> both = new ArrayList<>();
        asked.forEach(mode -> {
            both.add(mode + BEFORE);
            both.add(mode);
        });
        return both;
    }

    private PrimingBenchmark() {
    }

    private record Handler(String kind, String logicalId, String module) {
    }

    private record Run(long initMs, long hooksMs, double restoreMs, double firstMs, double secondMs, long firstClasses, long firstCalls, double warmMs,
                       double warmCalls, String firstOps, String firstTimeline, String secondTimeline, String warmTimeline,
                       String statuses) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try {
            run(runs, args.length > 1 ? args[1] : "ingest,checkin");
        } catch (Exception | Error failed) {
            // printed here: the exit below would end the JVM before it reported the failure itself
            failed.printStackTrace();
        } finally {
            // DynamoDB Local leaves a non-daemon thread behind after it stopped
            System.exit(0);
        }
    }

    private static void run(int runs, String kinds) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        List<Handler> handlers = List.of(new Handler("ingest", "IngestFunction", "ingest"),
                new Handler("checkin", "CheckinFunction", "checkin")).stream()
                .filter(handler -> List.of(kinds.split(",")).contains(handler.kind())).toList();
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start()) {
            String tenant = "priming-" + UUID.randomUUID().toString().substring(0, 6);
            String admin = stack.issueToken(tenant, List.of("admin"), List.of());
            int perProbe = KEYS + WARM;
            DoorSimulation door = DoorSimulation.prepare(new DoorSimulation.Settings(stack.httpEndpoint(), tenant, admin,
                    MODES.size() * runs * perProbe + 100, 1, 0, 1, 7, false));
            Iterator<String> passes = door.passTokens().values().iterator();
            for (Handler handler : handlers) {
                FunctionDefinition function = stack.function(handler.logicalId());
                Map<String, List<Run>> byMode = new java.util.HashMap<>();
                MODES.forEach(mode -> byMode.put(mode, new ArrayList<>()));
                for (int i = 0; i < runs; i++) {
                    for (String mode : MODES) {
                        List<String> keys = new ArrayList<>();
                        for (int k = 0; k < KEYS; k++) {
                            keys.add(kioskKey(stack.httpEndpoint(), admin, door.eventId()));
                        }
                        List<String> tokens = new ArrayList<>();
                        for (int p = 0; p < perProbe && handler.kind().equals("checkin"); p++) {
                            tokens.add(passes.next());
                        }
                        byMode.get(mode).add(probe(root, handler, function, mode, keys, door.eventId(), tokens));
                    }
                }
                print(handler, byMode, runs);
            }
        }
    }

    private static void print(Handler handler, Map<String, List<Run>> byMode, int runs) {
        System.out.printf("%s (%s), %d fresh JVMs per mode, first request after init and snapshot vs the median of %d warm ones"
                + " (load average %s; +rounds = %d primer rounds)%n", handler.kind(), handler.logicalId(), runs, WARM,
                ColdStartBenchmark.loadAverage(), ROUNDS);
        for (String mode : MODES) {
            List<Run> all = byMode.get(mode);
            double first = median(all.stream().map(Run::firstMs).toList());
            double warm = median(all.stream().map(Run::warmMs).toList());
            double restore = median(all.stream().map(Run::restoreMs).toList());
            double restoreAndFirst = median(all.stream().map(r -> r.restoreMs() + r.firstMs()).toList());
            System.out.printf("  %-22s restore %7.2f ms  first %8.2f ms  restore+first %8.2f ms  second key's first %7.2f ms  warm %6.2f ms"
                            + "  first/warm %6.2f  (restore+first)/warm %6.2f   (first: %d classes loaded, %d AWS calls %s;"
                            + " warm: %.1f AWS calls; init %d ms, checkpoint hooks %d ms; runs restore/first/warm: %s)%n",
                    mode, restore, first, restoreAndFirst,
                    median(all.stream().map(Run::secondMs).toList()), warm, first / warm, restoreAndFirst / warm,
                    median(all.stream().map(r -> (double) r.firstClasses()).toList()).longValue(),
                    median(all.stream().map(r -> (double) r.firstCalls()).toList()).longValue(), all.getFirst().firstOps(),
                    median(all.stream().map(Run::warmCalls).toList()),
                    median(all.stream().map(r -> (double) r.initMs()).toList()).longValue(),
                    median(all.stream().map(r -> (double) r.hooksMs()).toList()).longValue(),
                    all.stream().map(r -> String.format("%.1f/%.1f/%.1f %s", r.restoreMs(), r.firstMs(), r.warmMs(), r.statuses())).toList());
            // each call's start-end (ms from the request's start): what ran one after another, what side by side
            for (Run run : all) {
                System.out.printf("    calls: first %.1f ms [%s]%n           2nd key's first %.1f ms [%s]%n           a warm one [%s]%n",
                        run.firstMs(), run.firstTimeline(), run.secondMs(), run.secondTimeline(), run.warmTimeline());
            }
        }
    }

    private static String kioskKey(URI base, String admin, String eventId) throws IOException, InterruptedException {
        JsonNode key = Json.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/devices"))
                        .header("authorization", "Bearer " + admin).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("device_id", "probe-" + UUID.randomUUID(),
                                "role", "kiosk", "events", List.of(eventId))))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return key.get("key_id").asText() + " " + key.get("secret").asText();
    }

    private static Run probe(Path root, Handler handler, FunctionDefinition function, String label, List<String> keys,
                             String eventId, List<String> passes) throws IOException, InterruptedException {
        String mode = label.replace(BEFORE, "");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", (label.endsWith(BEFORE) ? Path.of(COMPARE_JAR) : root.resolve("functions/" + handler.module() + "/target/lambda.jar"))
                        + File.pathSeparator + root.resolve("bench/target/classes")));
        function.environment().forEach((k, v) -> command.add("-Denv." + k + "=" + v));
        command.add("-Dprobe.handler=" + function.handlerClass());
        command.add("-Dprobe.kind=" + handler.kind());
        command.add("-Dprobe.mode=" + mode);
        if (mode.endsWith("+rounds")) {
            command.add("-Dseatpilot.priming.rounds=" + ROUNDS);
        }
        command.add("-Dprobe.warm=" + WARM);
        command.add("-Dprobe.keys=" + String.join(",", keys));
        command.add("-Dprobe.event=" + eventId);
        command.add("-Dprobe.passes=" + String.join(",", passes.isEmpty() ? List.of("-") : passes));
        if (TRACE != null) {
            command.add("-Xlog:class+load=info:stdout");
        }
        command.add(PrimingProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        String line = output.lines().filter(l -> l.startsWith("PRIMING ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("probe printed no result:\n" + output));
        if (TRACE != null) {
            Files.writeString(Path.of(TRACE, "priming-" + handler.kind() + "-" + label + "-" + System.nanoTime() + ".log"), output);
        }
        return new Run(Long.parseLong(field(line, "init_ms")), Long.parseLong(field(line, "hooks_ms")),
                Double.parseDouble(field(line, "restore_ms")),
                Double.parseDouble(field(line, "first_ms")), Double.parseDouble(field(line, "second_ms")),
                Long.parseLong(field(line, "first_classes")),
                Long.parseLong(field(line, "first_calls")), Double.parseDouble(field(line, "warm_median_ms")),
                Double.parseDouble(field(line, "warm_calls")), field(line, "first_ops"), field(line, "first_timeline"),
                field(line, "second_timeline"), field(line, "warm_timeline"),
                line.substring(line.indexOf("statuses=") + 9));
    }

    private static String field(String line, String name) {
        int from = line.indexOf(name + "=") + name.length() + 1;
        int to = line.indexOf(' ', from);
        return line.substring(from, to < 0 ? line.length() : to);
    }

    private static Double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
