package io.seatpilot.bench.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The two benchmarks of {@link VerifyAndValidateBenchmark}, timed in thread CPU time and interleaved round by
 * round, so the ratio holds on a machine other builds keep busy: JMH's wall-clock averages there move with the
 * load, while a thread's CPU time moves much less, and both sides of the ratio see the same moments.
 * Usage: {@code bench/run io.seatpilot.bench.ingest.IngestCpuSplit [rounds]} (default 30, after 10 warm-up rounds).
 */
public final class IngestCpuSplit {

    private static final int CALLS_PER_ROUND = 20_000;
    private static final int WARM_UP_ROUNDS = 10;

    private static volatile Object sink;

    private IngestCpuSplit() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        VerifyAndValidateBenchmark benchmark = new VerifyAndValidateBenchmark();
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] baseline = new double[rounds];
        double[] verifyAndValidate = new double[rounds];
        for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
            double base = microsPerCall(threads, benchmark::parseOnlyBaseline);
            double full = microsPerCall(threads, benchmark::verifyAndValidate);
            if (round >= 0) {
                baseline[round] = base;
                verifyAndValidate[round] = full;
            }
        }
        Arrays.sort(baseline);
        Arrays.sort(verifyAndValidate);
        double base = baseline[rounds / 2];
        double full = verifyAndValidate[rounds / 2];
        System.out.printf("thread CPU µs/op, median of %d rounds of %d calls: parse-only %.2f (min %.2f), "
                        + "verify + validate %.2f (min %.2f), ratio %.2f×%n",
                rounds, CALLS_PER_ROUND, base, baseline[0], full, verifyAndValidate[0], full / base);
    }

    private static double microsPerCall(ThreadMXBean threads, Supplier<Object> call) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < CALLS_PER_ROUND; i++) {
            sink = call.get();
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e3 / CALLS_PER_ROUND;
    }
}
