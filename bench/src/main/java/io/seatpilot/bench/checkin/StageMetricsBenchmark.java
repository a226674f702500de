package io.seatpilot.bench.checkin;

import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.observability.SloMetrics;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the check-in stage figures cost the function per answered check-in (issue 16): the four stages in one
 * EMF document, as CheckinHandler publishes them, against the baseline of one document per figure (what
 * {@code Metrics.milliseconds(name, value)} four times would print). Both print to a discarding stdout, so the
 * figure is building and serialising the EMF line, not the terminal; the bytes each way are printed at set-up.
 * Run with metrics enabled (POWERTOOLS_METRICS_DISABLED unset) and AWS_EMF_ENVIRONMENT=Local (bench/run sets it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StageMetricsBenchmark {

    private final Metrics metrics = new Metrics(SloMetrics.NAMESPACE, SloMetrics.CHECKIN_SERVICE);
    private final Map<String, Double> stages = new LinkedHashMap<>();
    private PrintStream stdout;

    @Setup(Level.Trial)
    public void setUp() {
        if ("true".equalsIgnoreCase(System.getenv("POWERTOOLS_METRICS_DISABLED"))) {
            throw new IllegalStateException("metrics are disabled: the benchmark would measure nothing");
        }
        stages.put(SloMetrics.CHECKIN_PARSE, 1.234);
        stages.put(SloMetrics.CHECKIN_LOOKUP, 8.765);
        stages.put(SloMetrics.CHECKIN_PERSIST, 14.321);
        stages.put(SloMetrics.CHECKIN_TOTAL, 27.654);
        stdout = System.out;
        System.err.printf("bytes per check-in: one document %d, four documents %d%n",
                printed(this::oneDocument), printed(this::fourDocuments));
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.setOut(stdout);
    }

    @Benchmark
    public void oneDocument() {
        metrics.milliseconds(stages);
    }

    @Benchmark
    public void fourDocuments() {
        stages.forEach(metrics::milliseconds);
    }

    private int printed(Runnable publish) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            publish.run();
        } finally {
            System.setOut(stdout);
        }
        if (bytes.size() == 0) {
            throw new IllegalStateException("nothing printed: is AWS_EMF_ENVIRONMENT=Local set?");
        }
        return bytes.size();
    }
}
