package io.seatpilot.bench.coldstart;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.observability.Metrics;
import io.seatpilot.core.observability.SloMetrics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * What a library's first use adds in a fresh JVM on a function's jar, part by part in the order given, each with the
 * process CPU time and classes it added: the functions' mapper (built, one tree read), the first EMF document
 * (Powertools, whose EMF library serialises it with its own {@code ObjectMapper}: who pays Jackson databind's start
 * depends on the order), a bounded expiring Caffeine cache as {@code DeviceSecrets} builds one. The logging backend is
 * started first, as the SDK's first logger starts it in a function. Usage, from the repository root after a build:
 * {@code java -XX:TieredStopAtLevel=1 -cp functions/ingest/target/lambda.jar:bench/target/classes
 * io.seatpilot.bench.coldstart.FirstUseCost emf mapper caffeine} (any order), with {@code AWS_EMF_ENVIRONMENT=Local}.
 */
public final class FirstUseCost {

    private static long cpu;
    private static long classes;

    private FirstUseCost() {
    }

    public static void main(String[] args) throws Exception {
        LoggerFactory.getLogger(FirstUseCost.class).info("logging backend started");
        cpu = cpuMs();
        classes = loadedClasses();
        StringBuilder figures = new StringBuilder();
        for (String part : args) {
            switch (part) {
                case "mapper" -> Json.MAPPER.readTree("{\"a\":[1,2.5,\"x\"]}");
                case "emf" -> new Metrics("SeatPilot", "ingest").count(SloMetrics.ENVELOPES_ACCEPTED, 1);
                case "caffeine" -> Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).maximumSize(1_000).build()
                        .put("key", "value");
                default -> throw new IllegalArgumentException("parts: mapper | emf | caffeine");
            }
            long nowCpu = cpuMs();
            long nowClasses = loadedClasses();
            figures.append(String.format("%s cpu_ms=%d classes=%d  ", part, nowCpu - cpu, nowClasses - classes));
            cpu = cpuMs();
            classes = loadedClasses();
        }
        System.out.println("ORDER " + figures.toString().trim());
    }

    private static long cpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    }

    private static long loadedClasses() {
        return ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    }
}
