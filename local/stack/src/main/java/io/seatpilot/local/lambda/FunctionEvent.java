package io.seatpilot.local.lambda;

import java.util.List;
import java.util.Optional;

/** One entry of a function's {@code Events}, resolved to local values. */
public sealed interface FunctionEvent {

    String name();

    /** An HTTP API route; {@code path} empty means the {@code $default} route. */
    record HttpApi(String name, Optional<String> apiId, String method, Optional<String> path,
                   Optional<String> authorizer, List<String> authorizationScopes) implements FunctionEvent {
    }

    record Sqs(String name, String queueArn, int batchSize, int batchingWindowSeconds,
               boolean reportBatchItemFailures, boolean enabled) implements FunctionEvent {
    }

    /** A DynamoDB stream; {@code maximumRetryAttempts} empty means retry until the records expire, as Lambda does. */
    record DynamoDb(String name, String streamArn, String startingPosition, int batchSize, int batchingWindowSeconds,
                    boolean reportBatchItemFailures, Optional<Integer> maximumRetryAttempts, boolean enabled)
            implements FunctionEvent {
    }

    record Schedule(String name, String expression, Optional<String> input, boolean enabled) implements FunctionEvent {
    }

    /** An event type the local stack does not emulate; it is reported at start-up and otherwise ignored. */
    record Unsupported(String name, String type) implements FunctionEvent {
    }
}
