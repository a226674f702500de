package io.seatpilot.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler: CPU time of the benchmark's worker threads per operation ({@code cpu.time.norm}, µs/op). On this
 * shared 2-core machine other sessions' builds keep the load far above the core count, so JMH's wall-clock score
 * mostly measures waiting for a core; a thread's CPU time moves much less with the load, and JMH still runs the
 * benchmarks, their warm-up and forks as usual. Usage: {@code -prof io.seatpilot.bench.ThreadCpuProfiler}.
 */
public final class ThreadCpuProfiler implements InternalProfiler {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long before;

    @Override
    public String getDescription() {
        return "CPU time of the JMH worker threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        before = workerCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                       IterationResult result) {
        long cpu = workerCpuNanos() - before;
        long ops = result.getMetadata().getMeasuredOps();
        return List.of(new ScalarResult("cpu.time.norm", ops == 0 ? Double.NaN : cpu / 1e3 / ops, "us/op",
                AggregationPolicy.AVG));
    }

    private static long workerCpuNanos() {
        long total = 0;
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().contains("jmh-worker")) {
                total += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }
}
