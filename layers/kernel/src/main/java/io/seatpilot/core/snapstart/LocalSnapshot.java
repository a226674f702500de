package io.seatpilot.core.snapstart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.crac.CheckpointException;
import org.crac.Context;
import org.crac.Resource;
import org.crac.RestoreException;

/**
 * A function's SnapStart snapshot where there is no CRaC (the local stack, tests, the priming benchmark), given to
 * the function through {@link SnapStartHooks#host}: its hooks run as CRaC runs them, {@code beforeCheckpoint} in
 * reverse order of registration, then {@code afterRestore} in order, and a failing hook fails the step, as a failed
 * snapshot or restore fails the function in Lambda. It lives beside {@link SnapStartHooks} so that a function's
 * deployable jar carries the one the local stack hosts it with (the jar's own org.crac).
 */
public final class LocalSnapshot extends Context<Resource> {

    private final Predicate<Resource> kept;
    private final List<Resource> resources = new ArrayList<>();
    private boolean restored;

    public LocalSnapshot() {
        this(resource -> true);
    }

    /** Keeps only the registrations {@code kept} accepts: a benchmark measures a function without its primer. */
    public LocalSnapshot(Predicate<Resource> kept) {
        this.kept = kept;
    }

    @Override
    public synchronized void register(Resource resource) {
        // registered after the restore (built lazily by an invocation): nothing of it was in a snapshot
        if (!restored && kept.test(resource)) {
            resources.add(resource);
        }
    }

    /** What was registered before the snapshot, in order. */
    public synchronized List<Resource> registered() {
        return List.copyOf(resources);
    }

    public synchronized void checkpoint() throws CheckpointException {
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

    public synchronized void restore() throws RestoreException {
        for (Resource resource : resources) {
            try {
                resource.afterRestore(this);
            } catch (Exception e) {
                var failure = new RestoreException();
                failure.addSuppressed(e);
                throw failure;
            }
        }
        restored = true;
    }

    public void checkpointAndRestore() throws CheckpointException, RestoreException {
        checkpoint();
        restore();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
        checkpoint();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws RestoreException {
        restore();
    }
}
