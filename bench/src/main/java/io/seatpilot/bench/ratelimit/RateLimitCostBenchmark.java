package io.seatpilot.bench.ratelimit;

import io.seatpilot.bench.load.AwsCallCounter;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.ratelimit.DynamoRateLimitStore;
import io.seatpilot.core.ratelimit.RateLimit;
import io.seatpilot.core.ratelimit.RateLimiter;
import io.seatpilot.local.LocalStack;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What SPEC §14's rate limits cost in DynamoDB writes: the real {@link RateLimiter} on the real store against
 * DynamoDB Local (capacity as DynamoDB Local reports it), on a simulated clock so two minutes of door traffic run in
 * a moment. Three paces per limit — a third of the limit (a busy door), the limit, ten times the limit (a flood) —
 * each served by one warm instance and by two instances taking requests in turn (the worst case for leases).
 * Prints write units per request and per ingested event, and the time one acquire takes (a request without
 * the limiter spends none of it).
 *
 * <p>{@code bench/run io.seatpilot.bench.ratelimit.RateLimitCostBenchmark}
 */
public final class RateLimitCostBenchmark {

    private RateLimitCostBenchmark() {
    }

    public static void main(String[] args) {
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).demoDeviceKey(false)
                .automaticSchedules(false).build().start()) {
            var store = new DynamoRateLimitStore(stack.awsClients().dynamoDb(), stack.tableName("DataTable"));
            System.out.println("limit, instances, pace (requests/s), requests, served, refused, UpdateItem calls (= WCU),"
                    + " WCU per request, WCU per event at 1 / 25 events per request, µs per acquire");
            for (RateLimit limit : new RateLimit[] {RateLimit.INGEST, RateLimit.CHECKIN}) {
                double perSecond = limit.limit() * 1000.0 / limit.window().toMillis();
                for (int instances = 1; instances <= 2; instances++) {
                    for (double pace : new double[] {perSecond / 3, perSecond, perSecond * 10}) {
                        run(store, limit, instances, pace);
                    }
                }
            }
        }
    }

    private static void run(DynamoRateLimitStore store, RateLimit limit, int instanceCount, double perSecond) {
        AtomicLong now = new AtomicLong(1_800_000_000_000L);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        RateLimiter[] instances = new RateLimiter[instanceCount];
        java.util.Arrays.setAll(instances, i -> new RateLimiter(store, clock));
        String subject = "bench-" + java.util.UUID.randomUUID();
        int requests = (int) Math.round(perSecond * 120);
        long stepMillis = Math.round(1000 / perSecond);
        AwsCallCounter.reset();
        int served = 0;
        long nanos = 0;
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            try {
                instances[i % instanceCount].acquire(limit, "bench", subject);
                served++;
            } catch (ApiException refused) {
                // counted below as requests - served
            }
            nanos += System.nanoTime() - t0;
            now.addAndGet(stepMillis);
        }
        Map<String, Long> calls = AwsCallCounter.calls();
        long updates = calls.getOrDefault("DynamoDb.UpdateItem", 0L);
        // DynamoDB charges a conditional write that fails like one that succeeds: 1 WCU for an item under 1 KB
        // (a counter item is ~100 bytes); DynamoDB Local reports units only for the ones that succeed
        double units = updates;
        System.out.printf("%s, %d, %.2f, %d, %d, %d, %d, %.3f, %.3f / %.4f, %.0f%n", limit, instanceCount, perSecond, requests,
                served, requests - served, updates, units / requests,
                units / requests, units / requests / 25, nanos / 1000.0 / requests);
    }
}
