package io.seatpilot.bench.checkin;

import io.seatpilot.bench.load.AwsCallCounter;
import io.seatpilot.local.LocalStack;
import io.seatpilot.simulator.DoorSimulation;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issue 3, benchmark 2: name lookups at the door over an event of N guests ("first name + two letters of the last
 * name", as staff type it), from K kiosks at once. Prints the latency of {@code GET …/guests/search} and the
 * DynamoDB read units per lookup (the index query alone, and every read of the request, signature check included).
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.checkin.NameSearchBenchmark [guests=3000] [lookups=3000] [kiosks=8]}
 */
public final class NameSearchBenchmark {

    private NameSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int guests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int kiosks = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start()) {
            String tenant = "search-" + UUID.randomUUID().toString().substring(0, 6);
            DoorSimulation door = DoorSimulation.prepare(new DoorSimulation.Settings(stack.httpEndpoint(), tenant,
                    stack.issueToken(tenant, List.of("admin"), List.of()), guests, kiosks, 0, 1, 7, false));
            door.searches(Math.min(lookups, 1000));
            AwsCallCounter.reset();
            DoorSimulation.Report report = door.searches(lookups);

            report.print(System.out);
            long n = report.latency().get("GET search").getTotalCount();
            Map<String, Double> units = AwsCallCounter.unitsByOperation();
            double reads = units.getOrDefault("DynamoDb.Query", 0.0) + units.getOrDefault("DynamoDb.GetItem", 0.0)
                    + units.getOrDefault("DynamoDb.BatchGetItem", 0.0);
            System.out.printf("read units per lookup: index query %.2f; all reads %.2f (writes: the nonce, %.2f)%n",
                    units.getOrDefault("DynamoDb.Query", 0.0) / n, reads / n, AwsCallCounter.writeUnits() / n);
            System.out.println("AWS calls: " + AwsCallCounter.calls());
        }
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind after it stopped
        System.exit(0);
    }
}
