package io.seatpilot.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs the JMH benchmarks whose class names match the first argument (default: all of them). */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 ? args[0] : ".*Benchmark.*";
        new Runner(new OptionsBuilder().include(include).build()).run();
    }
}
