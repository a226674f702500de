package io.seatpilot.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.seatpilot.core.snapstart.LocalSnapshot;
import io.seatpilot.core.snapstart.SnapStartHooks;
import io.seatpilot.local.RepositoryRoot;
import io.seatpilot.local.log.StackLog;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.crac.CheckpointException;
import org.crac.RestoreException;

/**
 * Hosts every function of the template in this JVM and invokes them like Lambda: one handler instance per
 * function, created once at start (a warm container), shared by concurrent invocations, each invocation
 * bounded by the function's Timeout. A function whose handler cannot be loaded stays listed and fails each
 * invocation with the load error, so the rest of the stack keeps working.
 *
 * <p>As in Lambda, an invocation past its Timeout fails with {@code Sandbox.Timedout}, its thread is interrupted
 * and the function's execution environment is reset (the next invocation gets a fresh handler instance, as after
 * a cold start), so nothing the abandoned invocation left half-done is reused. Invocations run on platform
 * threads of their own: a runaway loop occupies its own thread, never the carrier threads the gateway, the
 * WebSocket API and the other functions run on. What one JVM cannot do is stop a thread that ignores
 * interruption — such an invocation keeps a core busy until it ends; the stack warns about it. Request and
 * response payloads are held to Lambda's synchronous-invocation limit (6 MB).
 */
public final class LambdaInvoker implements AutoCloseable {

    /** Snapshot context ids are unique in the JVM: several stacks (tests) may host the same function side by side. */
    private static final AtomicLong SNAPSHOTS = new AtomicLong();
    private final Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, AtomicLong> invocationCounts = new LinkedHashMap<>();
    /** Lambda's limit for a synchronous invocation's request and for its response (6 MB). */
    public static final int PAYLOAD_LIMIT_BYTES = 6_291_556;

    private final Map<String, Optional<Function<Map<String, String>, Object>>> factories = new LinkedHashMap<>();
    private final Map<String, ExecutorService> executors = new LinkedHashMap<>();
    private final Map<String, FunctionOutput> outputs = new LinkedHashMap<>();
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
            outputs.put(function.logicalId(), new FunctionOutput(!log.quiet()));
            this.factories.put(function.logicalId(), Optional.ofNullable(factories.get(function.logicalId())));
            executors.put(function.logicalId(), Executors.newThreadPerTaskExecutor(
                    Thread.ofPlatform().daemon().name(function.logicalId() + "-", 0).factory()));
            deployments.put(function.logicalId(), deploy(function, this.factories.get(function.logicalId())));
        }
    }

    /**
     * Lambda's init of a SnapStart function, then its snapshot and a restore from it: the handler is constructed
     * with a snapshot context of its own named in its environment, and the hooks it registered there run before
     * it serves anything, so what it must not carry across a snapshot is proved discarded in every local run.
     */
    private Deployment deploy(FunctionDefinition function, Optional<Function<Map<String, String>, Object>> factory) {
        var snapshot = new LocalSnapshot();
        String snapshotId = function.logicalId() + "#" + SNAPSHOTS.incrementAndGet();
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.put(SnapStartHooks.LOCAL_CONTEXT, snapshotId);
        if (factory.isEmpty() && DeployedJar.enabled()) {
            return deployFromJar(function, environment, snapshotId);
        }
        try {
            LambdaHandler handler;
            try (var hosted = SnapStartHooks.host(snapshotId, snapshot)) {
                handler = LambdaHandler.load(function, environment, factory);
            }
            snapshot.checkpointAndRestore();
            return new Deployment.Ready(handler);
        } catch (CheckpointException | RestoreException e) {
            Throwable cause = e.getSuppressed().length > 0 ? e.getSuppressed()[0] : e;
            log.warn(function.logicalId() + ": a SnapStart hook failed; its invocations will fail: " + cause);
            return new Deployment.Broken("SnapStartException", String.valueOf(cause));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null && e instanceof ReflectiveOperationException ? e.getCause() : e;
            log.warn(function.logicalId() + " (" + function.handler() + ") cannot be loaded; its invocations will fail: " + cause);
            return new Deployment.Broken(cause.getClass().getName(), String.valueOf(cause.getMessage()));
        }
    }

    /** The same init, snapshot and restore, of the handler in the function's deployable jar ({@link DeployedJar}). */
    private Deployment deployFromJar(FunctionDefinition function, Map<String, String> environment, String snapshotId) {
        try {
            DeployedJar jar = DeployedJar.of(function, RepositoryRoot.locate());
            Object snapshot = jar.snapshot();
            LambdaHandler handler;
            try (var hosted = jar.host(snapshotId, snapshot)) {
                handler = jar.within(() -> LambdaHandler.load(function, environment, jar));
            }
            jar.within(() -> {
                jar.checkpointAndRestore(snapshot);
                return null;
            });
            return new Deployment.Ready(handler);
        } catch (Exception | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException || e.getCause() != null && e instanceof ReflectiveOperationException
                    ? e.getCause() : e;
            log.warn(function.logicalId() + " (from its deployable jar) cannot be loaded; its invocations will fail: " + cause);
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

    /** What the function printed on stdout while serving invocations (its EMF metric lines among them). */
    public FunctionOutput output(String logicalId) {
        function(logicalId);
        return outputs.get(logicalId);
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
            case Deployment.Ready ready when event.length > PAYLOAD_LIMIT_BYTES -> new InvocationResult.Failed(
                    "RequestTooLargeException", "Request must be smaller than " + PAYLOAD_LIMIT_BYTES + " bytes for the InvokeFunction operation");
            case Deployment.Ready ready -> run(function, ready, event, context);
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

    private InvocationResult run(FunctionDefinition function, Deployment.Ready deployment, byte[] event, LocalContext context) {
        AtomicReference<Thread> worker = new AtomicReference<>();
        Future<byte[]> running = executors.get(function.logicalId()).submit(() -> {
            worker.set(Thread.currentThread());
            return outputs.get(function.logicalId()).serve(() -> deployment.handler().invoke(event, context));
        });
        try {
            byte[] payload = running.get(function.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (payload.length > PAYLOAD_LIMIT_BYTES) {
                return new InvocationResult.Failed("Function.ResponseSizeTooLarge",
                        "Response payload size exceeded maximum allowed payload size (" + PAYLOAD_LIMIT_BYTES + " bytes).");
            }
            return new InvocationResult.Succeeded(new String(payload, StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            running.cancel(true);
            resetAfterTimeout(function, deployment, worker.get());
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

    /**
     * Lambda discards an execution environment whose invocation timed out; here the function gets a fresh handler
     * (once, however many invocations of the old one time out together) and a warning names an invocation that
     * does not stop when interrupted.
     */
    private void resetAfterTimeout(FunctionDefinition function, Deployment.Ready timedOut, Thread worker) {
        deployments.computeIfPresent(function.logicalId(), (id, current) -> {
            if (current != timedOut) {
                return current;
            }
            log.warn(id + " timed out after " + function.timeout().toSeconds()
                    + " s: its execution environment is reset (the next invocation starts a fresh handler)");
            return deploy(function, factories.get(id));
        });
        if (worker != null) {
            Thread.ofVirtual().start(() -> {
                try {
                    worker.join(Duration.ofSeconds(1));
                } catch (InterruptedException e) {
                    return;
                }
                if (worker.isAlive()) {
                    log.warn(function.logicalId() + ": a timed-out invocation ignores interruption and keeps running on "
                            + worker.getName() + "; one JVM cannot stop it");
                }
            });
        }
    }

    @Override
    public void close() {
        executors.values().forEach(ExecutorService::shutdownNow);
    }
}
