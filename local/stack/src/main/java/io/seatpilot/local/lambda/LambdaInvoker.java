package io.seatpilot.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.seatpilot.local.log.StackLog;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Hosts every function of the template in this JVM and invokes them like Lambda: one handler instance per
 * function, created once at start (a warm container), shared by concurrent invocations, each invocation
 * bounded by the function's Timeout. A function whose handler cannot be loaded stays listed and fails each
 * invocation with the load error, so the rest of the stack keeps working.
 */
public final class LambdaInvoker implements AutoCloseable {

    private final Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Map<String, AtomicLong> invocationCounts = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LambdaLogger lambdaLogger = new StdoutLambdaLogger(System.out);
    private final StackLog log;

    private sealed interface Deployment {
        record Ready(LambdaHandler handler) implements Deployment {
        }

        record Broken(String errorType, String errorMessage) implements Deployment {
        }
    }

    /**
     * @param factories handler factories that replace loading the template's Handler class, by logical id
     */
    public LambdaInvoker(List<FunctionDefinition> definitions, Map<String, Function<Map<String, String>, Object>> factories,
                         StackLog log) {
        this.log = log;
        for (FunctionDefinition function : definitions) {
            functions.put(function.logicalId(), function);
            invocationCounts.put(function.logicalId(), new AtomicLong());
            deployments.put(function.logicalId(), deploy(function, Optional.ofNullable(factories.get(function.logicalId()))));
        }
    }

    private Deployment deploy(FunctionDefinition function, Optional<Function<Map<String, String>, Object>> factory) {
        try {
            return new Deployment.Ready(LambdaHandler.load(function, factory));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null && e instanceof ReflectiveOperationException ? e.getCause() : e;
            log.warn(function.logicalId() + " (" + function.handler() + ") cannot be loaded; its invocations will fail: " + cause);
            return new Deployment.Broken(cause.getClass().getName(), String.valueOf(cause.getMessage()));
        }
    }

    public Collection<FunctionDefinition> functions() {
        return functions.values();
    }

    public FunctionDefinition function(String logicalId) {
        FunctionDefinition function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("No function " + logicalId + " in the template");
        }
        return function;
    }

    /** Why the function cannot run, when its handler failed to load. */
    public Optional<String> unavailable(String logicalId) {
        function(logicalId);
        return deployments.get(logicalId) instanceof Deployment.Broken broken
                ? Optional.of(broken.errorType() + ": " + broken.errorMessage()) : Optional.empty();
    }

    public long invocationCount(String logicalId) {
        function(logicalId);
        return invocationCounts.get(logicalId).get();
    }

    /**
     * Invokes synchronously and waits at most the function's Timeout.
     *
     * @param trigger a short description for the invocation log line, e.g. {@code "POST /v1/events"}
     */
    public InvocationResult invoke(String logicalId, String trigger, byte[] event) {
        FunctionDefinition function = function(logicalId);
        invocationCounts.get(logicalId).incrementAndGet();
        var context = new LocalContext(function, lambdaLogger);
        long started = System.nanoTime();
        InvocationResult result = switch (deployments.get(logicalId)) {
            case Deployment.Broken broken -> new InvocationResult.Failed(broken.errorType(), broken.errorMessage());
            case Deployment.Ready ready -> run(function, ready.handler(), event, context);
        };
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("function", logicalId);
        line.put("functionName", function.functionName());
        line.put("trigger", trigger);
        line.put("requestId", context.getAwsRequestId());
        line.put("durationMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        switch (result) {
            case InvocationResult.Succeeded ignored -> line.put("outcome", "success");
            case InvocationResult.Failed failed -> {
                line.put("outcome", "error");
                line.put("errorType", failed.errorType());
                line.put("errorMessage", failed.errorMessage());
            }
        }
        log.event("invocation", line);
        return result;
    }

    private InvocationResult run(FunctionDefinition function, LambdaHandler handler, byte[] event, LocalContext context) {
        Future<byte[]> running = executor.submit(() -> handler.invoke(event, context));
        try {
            byte[] payload = running.get(function.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new InvocationResult.Succeeded(new String(payload, StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            running.cancel(true);
            return new InvocationResult.Failed("Sandbox.Timedout",
                    "Task timed out after %.2f seconds".formatted(function.timeout().toMillis() / 1000.0));
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            log.error(function.logicalId() + " failed (request " + context.getAwsRequestId() + ")", failure);
            return new InvocationResult.Failed(failure.getClass().getName(), String.valueOf(failure.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            return new InvocationResult.Failed("Runtime.Interrupted", "The local stack is shutting down");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
