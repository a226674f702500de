package io.seatpilot.core.snapstart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Harmless calls a function makes right after a SnapStart restore, before its first request: what a snapshot cannot
 * keep and is not tenant data — the role's credentials (the snapshot holds none, see {@code RestorableCredentials})
 * and a connection to each AWS endpoint the function calls (none outlives the snapshot, see
 * {@code SnapshotSafeHttpClient}) — is set up here instead of inside the first request. Each call is the cheapest
 * one the function's role already may make and whose answer is thrown away (a read of a key no item has, a MAC
 * of a fixed text that is no device's message); the calls run side by side.
 *
 * <p>Nothing runs before the checkpoint: a call there would be a request from the snapshot (what
 * {@code PrimingSendsNothingTest} forbids) and would put credentials into it. Nothing runs on an on-demand
 * initialisation either (no restore). A failed call is logged and forgotten: the first request makes its own
 * calls and meets the same failure, if it lasts, where it is reported. SnapStart bills this as restore time.
 */
public final class RestoreCalls implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreCalls.class);

    private final Map<String, Runnable> calls = new LinkedHashMap<>();

    /** Registers a new, empty set of restore calls; register it after the AWS clients, whose own hooks run first. */
    public static RestoreCalls register(SnapStartHooks hooks) {
        return hooks.register(new RestoreCalls());
    }

    /** Adds a call, named for the log (e.g. {@code "dynamodb"}); {@code call} must send nothing a tenant owns. */
    public synchronized RestoreCalls add(String name, Runnable call) {
        calls.put(name, call);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // nothing may be sent from the snapshot, nor fetched into it
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws InterruptedException {
        long started = System.nanoTime();
        Map<String, Runnable> now;
        synchronized (this) {
            now = Map.copyOf(calls);
        }
        List<Thread> running = new ArrayList<>();
        now.forEach((name, call) -> running.add(Thread.ofVirtual().name("restore-" + name).start(() -> {
            try {
                call.run();
            } catch (RuntimeException failed) {
                LOG.warn("restore call {} failed: {}", name, failed.getClass().getSimpleName());
            }
        })));
        for (Thread thread : running) {
            thread.join();
        }
        LOG.info("restore calls {} took {} ms", now.keySet(), (System.nanoTime() - started) / 1_000_000);
    }
}
