package io.seatpilot.bench.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times the AWS calls one handler request makes, each from the SDK's start of the call (before marshalling) to its
 * unmarshalled answer, as the handler waits for it. A request is opened by {@link #open()} on the handler's thread;
 * the calls of threads it starts meanwhile (the door's reads and nonce writes on virtual threads) belong to it too,
 * because a thread inherits the opener's request. Every other function sharing the JVM (the local stack's stream
 * readers, the KPI rollup) is not counted. Registered through the SDK's global interceptor file, like
 * {@link AwsCallCounter}, so no production code is touched.
 */
public final class AwsCallTimer implements ExecutionInterceptor {

    private static final InheritableThreadLocal<Request> CURRENT = new InheritableThreadLocal<>();
    private static final ExecutionAttribute<Request> REQUEST = new ExecutionAttribute<>("seatpilot.bench.timedRequest");
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("seatpilot.bench.callStarted");

    /** Starts timing the calls of the current thread (and of the threads it starts) until {@link Request#close()}. */
    public static Request open() {
        Request request = new Request(Thread.currentThread());
        CURRENT.set(request);
        return request;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Request request = CURRENT.get();
        if (request != null) {
            attributes.putAttribute(REQUEST, request);
            attributes.putAttribute(STARTED, System.nanoTime());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        // a refused conditional write is a call the handler waited for like any other
        record(attributes);
    }

    private static void record(ExecutionAttributes attributes) {
        Request request = attributes.getAttribute(REQUEST);
        if (request != null) {
            request.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), attributes.getAttribute(STARTED), System.nanoTime());
        }
    }

    /** One call: its operation and when it started and ended ({@link System#nanoTime()}). */
    public record Call(String operation, long started, long ended) {
        public long nanos() {
            return ended - started;
        }
    }

    /** The calls of one handler request. */
    public static final class Request implements AutoCloseable {
        private final Thread opener;
        private final List<Call> calls = new ArrayList<>();
        private boolean closed;

        private Request(Thread opener) {
            this.opener = opener;
        }

        private synchronized void add(String operation, long started, long ended) {
            if (!closed) {
                calls.add(new Call(operation, started, ended));
            }
        }

        /** The calls completed before {@link #close()}, of services whose name starts with {@code service}. */
        public synchronized List<Call> calls(String service) {
            return calls.stream().filter(c -> c.operation().startsWith(service)).toList();
        }

        /** The calls' durations added up: more than the time waited when calls overlap. */
        public long sumNanos(String service) {
            return calls(service).stream().mapToLong(Call::nanos).sum();
        }

        /** The time during which at least one of the calls was in flight: what the handler cannot spend elsewhere. */
        public long busyNanos(String service) {
            List<Call> sorted = calls(service).stream().sorted(Comparator.comparingLong(Call::started)).toList();
            long busy = 0;
            long coveredTo = Long.MIN_VALUE;
            for (Call call : sorted) {
                long from = Math.max(call.started(), coveredTo);
                if (call.ended() > from) {
                    busy += call.ended() - from;
                }
                coveredTo = Math.max(coveredTo, call.ended());
            }
            return busy;
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (Thread.currentThread() == opener) {
                CURRENT.remove();
            }
        }
    }
}
