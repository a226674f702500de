package io.seatpilot.local.lambda;

import java.util.ArrayList;
import java.util.List;
import org.crac.CheckpointException;
import org.crac.Context;
import org.crac.Resource;
import org.crac.RestoreException;

/**
 * One function's SnapStart snapshot, simulated: what the function registered at init (through
 * {@code SnapStartHooks}) gets its {@code beforeCheckpoint} hooks in reverse order of registration, then its
 * {@code afterRestore} hooks in order, as CRaC runs them, before the function's first invocation. Each hosted
 * function has its own, because one JVM hosts them all and org.crac's global context does nothing without CRaC.
 */
final class FunctionSnapshot extends Context<Resource> {

    private final List<Resource> resources = new ArrayList<>();
    private boolean restored;

    @Override
    public synchronized void register(Resource resource) {
        // Registered after restore (built lazily by an invocation): nothing of it is in a snapshot.
        if (!restored) {
            resources.add(resource);
        }
    }

    /** What was registered before the snapshot, in order. */
    synchronized List<Resource> registered() {
        return List.copyOf(resources);
    }

    /** Runs the hooks; a failing hook fails the function, as a failed snapshot or restore does in Lambda. */
    synchronized void checkpointAndRestore() throws CheckpointException, RestoreException {
        beforeCheckpoint(this);
        afterRestore(this);
        restored = true;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
        for (Resource resource : resources.reversed()) {
            try {
                resource.beforeCheckpoint(this);
            } catch (Exception e) {
                var failure = new CheckpointException();
                failure.addSuppressed(e);
                throw failure;
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws RestoreException {
        for (Resource resource : resources) {
            try {
                resource.afterRestore(this);
            } catch (Exception e) {
                var failure = new RestoreException();
                failure.addSuppressed(e);
                throw failure;
            }
        }
    }
}
