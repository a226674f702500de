package io.seatpilot.local.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatpilot.local.lambda.FunctionDefinition;
import io.seatpilot.local.lambda.FunctionEvent;
import io.seatpilot.local.lambda.InvocationResult;
import io.seatpilot.local.lambda.LambdaInvoker;
import io.seatpilot.local.log.StackLog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One DynamoDB Streams event source mapping, run as Lambda runs it: every shard is read in order (a few polls a
 * second), records go to the function in batches of up to BatchSize, and a shard does not move past a batch
 * until it succeeds. A failed batch is retried; with ReportBatchItemFailures, retries restart at the lowest
 * failed sequence number. MaximumRetryAttempts, when set, drops a batch after that many retries (Lambda would
 * then send it to the on-failure destination, which is not emulated).
 */
public final class StreamEventSourcePoller implements AutoCloseable {

    /** Lambda polls each shard about four times a second. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    /** GetRecords returns at most this many records per call. */
    private static final int MAX_RECORDS_PER_READ = 1000;

    private final FunctionDefinition function;
    private final FunctionEvent.DynamoDb mapping;
    private final DynamoDbStreamsClient streams;
    private final LambdaInvoker invoker;
    private final StackLog log;
    private final ObjectMapper json = new ObjectMapper();
    private final DynamodbEventFactory events = new DynamodbEventFactory(json);
    private final Map<String, ShardReader> shards = new LinkedHashMap<>();
    private final Set<String> finishedShards = new HashSet<>();
    private volatile boolean running;
    private Thread thread;

    /** Position and not-yet-delivered records of one shard. */
    private static final class ShardReader {
        private final String shardId;
        private String iterator;
        private final Deque<Record> pending = new ArrayDeque<>();
        private long firstPendingAt;
        private int failedAttempts;

        ShardReader(String shardId, String iterator) {
            this.shardId = shardId;
            this.iterator = iterator;
        }

        boolean finished() {
            return iterator == null && pending.isEmpty();
        }

        void drop(int records) {
            for (int i = 0; i < records; i++) {
                pending.removeFirst();
            }
        }
    }

    public StreamEventSourcePoller(FunctionDefinition function, FunctionEvent.DynamoDb mapping, DynamoDbStreamsClient streams,
                                   LambdaInvoker invoker, StackLog log) {
        this.function = function;
        this.mapping = mapping;
        this.streams = streams;
        this.invoker = invoker;
        this.log = log;
    }

    /** Opens the shards that exist now at the mapping's StartingPosition, then polls in the background. */
    public void start() {
        ShardIteratorType start = switch (mapping.startingPosition()) {
            case "LATEST" -> ShardIteratorType.LATEST;
            case "TRIM_HORIZON" -> ShardIteratorType.TRIM_HORIZON;
            default -> throw new IllegalArgumentException(function.logicalId() + "." + mapping.name()
                    + ": StartingPosition " + mapping.startingPosition() + " is not emulated (use LATEST or TRIM_HORIZON)");
        };
        discoverShards(start);
        running = true;
        thread = Thread.ofVirtual().name("stream-" + function.logicalId() + "-" + mapping.name()).start(this::poll);
    }

    private void poll() {
        while (running) {
            try {
                // Shards that appear later hold only records written after start: read them from their beginning.
                discoverShards(ShardIteratorType.TRIM_HORIZON);
                for (ShardReader shard : shards.values()) {
                    read(shard);
                    deliver(shard);
                }
                shards.values().removeIf(shard -> shard.finished() && finishedShards.add(shard.shardId));
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Stream poller of " + function.logicalId() + " failed, retrying: " + e.getMessage());
            }
            sleep(POLL_INTERVAL);
        }
    }

    private void discoverShards(ShardIteratorType position) {
        for (Shard shard : streams.describeStream(b -> b.streamArn(mapping.streamArn())).streamDescription().shards()) {
            if (!shards.containsKey(shard.shardId()) && !finishedShards.contains(shard.shardId())) {
                String iterator = streams.getShardIterator(b -> b.streamArn(mapping.streamArn()).shardId(shard.shardId())
                        .shardIteratorType(position)).shardIterator();
                shards.put(shard.shardId(), new ShardReader(shard.shardId(), iterator));
            }
        }
    }

    private void read(ShardReader shard) {
        if (shard.iterator == null || shard.pending.size() >= mapping.batchSize()) {
            return;
        }
        GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(shard.iterator)
                .limit(Math.min(mapping.batchSize(), MAX_RECORDS_PER_READ)));
        if (shard.pending.isEmpty() && !response.records().isEmpty()) {
            shard.firstPendingAt = System.nanoTime();
        }
        shard.pending.addAll(response.records());
        shard.iterator = response.nextShardIterator();
    }

    /** Sends the head of the shard once a batch is full, the batching window is over, or the shard has ended. */
    private void deliver(ShardReader shard) {
        boolean windowOver = System.nanoTime() - shard.firstPendingAt
                >= Duration.ofSeconds(mapping.batchingWindowSeconds()).toNanos();
        if (shard.pending.isEmpty() || !(shard.pending.size() >= mapping.batchSize() || windowOver || shard.iterator == null)) {
            return;
        }
        List<Record> batch = shard.pending.stream().limit(mapping.batchSize()).toList();
        int done = completedRecords(batch);
        shard.drop(done);
        if (done == batch.size()) {
            shard.failedAttempts = 0;
            return;
        }
        shard.failedAttempts++;
        if (mapping.maximumRetryAttempts().filter(max -> shard.failedAttempts > max).isPresent()) {
            log.warn(function.logicalId() + " dropped " + (batch.size() - done) + " stream records after "
                    + mapping.maximumRetryAttempts().get() + " retries");
            shard.drop(batch.size() - done);
            shard.failedAttempts = 0;
            return;
        }
        sleep(RETRY_BACKOFF);
    }

    /** How many records at the head of the batch are done: all, none, or those before the lowest failure. */
    private int completedRecords(List<Record> batch) {
        byte[] event;
        try {
            event = json.writeValueAsBytes(events.build(batch, mapping.streamArn()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the DynamoDB stream event", e);
        }
        InvocationResult result = invoker.invoke(function.logicalId(),
                "DynamoDB " + mapping.name() + " (" + batch.size() + " records)", event);
        List<String> sequence = batch.stream().map(r -> r.dynamodb().sequenceNumber()).toList();
        return switch (result) {
            case InvocationResult.Failed ignored -> 0;
            case InvocationResult.Succeeded succeeded when !mapping.reportBatchItemFailures() -> batch.size();
            case InvocationResult.Succeeded succeeded -> switch (BatchItemFailures.read(succeeded.payload(),
                    sequence.stream().collect(Collectors.toSet()), json)) {
                case BatchItemFailures.AllSucceeded ignored -> batch.size();
                case BatchItemFailures.Some some -> sequence.stream().filter(some.failedIds()::contains)
                        .map(sequence::indexOf).findFirst().orElse(batch.size());
                case BatchItemFailures.WholeBatch whole -> {
                    log.warn(function.logicalId() + " batch response fails the whole batch: " + whole.why());
                    yield 0;
                }
            };
        };
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(RETRY_BACKOFF.plus(POLL_INTERVAL).multipliedBy(2));
        }
    }
}
