package io.seatpilot.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Counts every AWS call made in this JVM, per service and operation, and the DynamoDB write capacity units the
 * writes consumed (asking DynamoDB Local for them). Registered through the SDK's global interceptor file in this
 * module's resources, so benchmarks measure the real functions' calls without a line of production code.
 */
public final class AwsCallCounter implements ExecutionInterceptor {

    /**
     * By name, not through the {@code ReturnConsumedCapacity} enum: the deployable jars are shrunk (functions/shrink.pro)
     * and no function uses that enum, so a probe running on one would fail to load it.
     */
    private static final String TOTAL = "TOTAL";
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final DoubleAdder WRITE_UNITS = new DoubleAdder();
    private static final Map<String, DoubleAdder> UNITS = new ConcurrentHashMap<>();

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("seatpilot.bench.started");
    /** Calls with their start and end while {@link #recordTimeline} is on (null: off). */
    private static volatile List<String> timeline;
    private static volatile long timelineOrigin;

    /**
     * Records each call from now on as {@code Service.Operation@start-end} in ms since this call, until
     * {@link #timeline()} returns them: the critical path of one request, call by call (which ran side by side).
     */
    public static void recordTimeline() {
        timelineOrigin = System.nanoTime();
        timeline = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    /** The calls recorded since {@link #recordTimeline()}, in the order they ended; recording stops. */
    public static List<String> timeline() {
        List<String> recorded = timeline;
        timeline = null;
        return recorded == null ? List.of() : List.copyOf(recorded);
    }

    public static Map<String, Long> calls() {
        Map<String, Long> snapshot = new TreeMap<>();
        CALLS.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }

    public static double writeUnits() {
        return WRITE_UNITS.sum();
    }

    /** Capacity units (read and write) consumed per service operation, e.g. {@code DynamoDb.Query}. */
    public static Map<String, Double> unitsByOperation() {
        Map<String, Double> snapshot = new TreeMap<>();
        UNITS.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }

    public static void reset() {
        CALLS.clear();
        WRITE_UNITS.reset();
        UNITS.clear();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return switch (context.request()) {
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(TOTAL).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(TOTAL).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(TOTAL).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(TOTAL).build();
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(TOTAL).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(TOTAL).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(TOTAL).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CALLS.computeIfAbsent(key, k -> new LongAdder()).increment();
        record(key, attributes);
        switch (context.response()) {
            case PutItemResponse r -> add(key, r.consumedCapacity(), true);
            case UpdateItemResponse r -> add(key, r.consumedCapacity(), true);
            case TransactWriteItemsResponse r -> r.consumedCapacity().forEach(c -> add(key, c, true));
            case BatchWriteItemResponse r -> r.consumedCapacity().forEach(c -> add(key, c, true));
            case GetItemResponse r -> add(key, r.consumedCapacity(), false);
            case QueryResponse r -> add(key, r.consumedCapacity(), false);
            case BatchGetItemResponse r -> r.consumedCapacity().forEach(c -> add(key, c, false));
            default -> { }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        // Conditional-check failures are real requests that consume capacity too; count the call.
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CALLS.computeIfAbsent(key, k -> new LongAdder()).increment();
        record(key + "(failed)", attributes);
    }

    private static void record(String call, ExecutionAttributes attributes) {
        List<String> recording = timeline;
        Long started = attributes.getAttribute(STARTED);
        if (recording != null && started != null) {
            long origin = timelineOrigin;
            recording.add(String.format("%s@%.1f-%.1f", call.substring(call.indexOf('.') + 1), (started - origin) / 1e6,
                    (System.nanoTime() - origin) / 1e6));
        }
    }

    private static void add(String operation, ConsumedCapacity capacity, boolean write) {
        if (capacity != null && capacity.capacityUnits() != null) {
            if (write) {
                WRITE_UNITS.add(capacity.capacityUnits());
            }
            UNITS.computeIfAbsent(operation, k -> new DoubleAdder()).add(capacity.capacityUnits());
        }
    }
}
