package io.seatpilot.bench.checkin;

import io.seatpilot.bench.load.AwsCallCounter;
import io.seatpilot.checkin.CheckinHandler;
import io.seatpilot.local.LocalStack;
import io.seatpilot.simulator.DoorSimulation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Issue 3, benchmarks 1 and 3: the kiosk simulator's door against the local stack with N kiosks (each checks one
 * party in at a time), online only. Prints the latency of {@code POST …/checkins} as the kiosks saw it, the
 * check-in handler's own time per request (what Lambda would bill) against the time of its own DynamoDB calls
 * (issue 12: handler ≤ 1.2 × those calls at 1 kiosk), and the DynamoDB write units per check-in.
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.checkin.CheckinLoadBenchmark [kiosks=20] [guests=1500] [speed=600]}
 */
public final class CheckinLoadBenchmark {

    private static final String ROUTE = "POST /v1/events/{eventId}/checkins";

    private CheckinLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int kiosks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int guests = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        double speed = args.length > 2 ? Double.parseDouble(args[2]) : 600;
        Histogram handler = new ConcurrentHistogram(60_000_000L, 3);
        TimedHandler.DynamoTimes dynamo = new TimedHandler.DynamoTimes();
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true)
                .handlerOverride("CheckinFunction", env -> new TimedHandler(new CheckinHandler(env), handler, ROUTE, dynamo))
                .build().start()) {
            // a first door on another tenant warms the JVM (JIT, caches, connections) before anything is measured
            DoorSimulation.run(settings(stack, kiosks, 300, speed * 2));
            DoorSimulation door = DoorSimulation.prepare(settings(stack, kiosks, guests, speed));
            handler.reset();
            dynamo.reset();
            AwsCallCounter.reset();
            DoorSimulation.Report report = door.play();

            report.print(System.out);
            System.out.printf("check-in handler's own time (µs→ms): n=%d p50=%.2f p95=%.2f p99=%.2f max=%.2f%n",
                    handler.getTotalCount(), handler.getValueAtPercentile(50) / 1000.0, handler.getValueAtPercentile(95) / 1000.0,
                    handler.getValueAtPercentile(99) / 1000.0, handler.getMaxValue() / 1000.0);
            dynamo.print(System.out, handler);
            Map<String, Long> calls = AwsCallCounter.calls();
            Map<String, Double> units = AwsCallCounter.unitsByOperation();
            long checkins = report.outcomes().getOrDefault("POST checkins 201", 0L);
            long signed = report.latency().values().stream().mapToLong(Histogram::getTotalCount).sum();
            System.out.printf("new check-ins: %d of %d signed door requests%n", checkins, signed);
            System.out.printf("DynamoDB write units per check-in: transaction %.2f; with every signed request's nonce %.2f%n",
                    units.getOrDefault("DynamoDb.TransactWriteItems", 0.0) / checkins,
                    AwsCallCounter.writeUnits() / checkins);
            System.out.println("AWS calls: " + calls);
            System.out.println("capacity units: " + units);
        }
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind after it stopped
        System.exit(0);
    }

    private static DoorSimulation.Settings settings(LocalStack stack, int kiosks, int guests, double speed) {
        String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        return new DoorSimulation.Settings(stack.httpEndpoint(), tenant, stack.issueToken(tenant, List.of("admin"), List.of()),
                guests, kiosks, 0, speed, 7, false);
    }
}
