package io.seatpilot.core.snapstart;

import io.seatpilot.core.config.Env;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Where a function registers what it created at init that must not outlive a SnapStart snapshot: random
 * generators, cached secrets and credentials, pooled connections. In Lambda this is org.crac's global context,
 * whose hooks the runtime runs around the snapshot. The local stack hosts many functions in one JVM without CRaC
 * (there org.crac's global context drops every registration), so it gives each function a context of its own,
 * named by {@link #LOCAL_CONTEXT} in the function's environment, and runs that function's hooks itself.
 *
 * <p>Registered resources are held here as well, because CRaC contexts may hold them weakly: a hook must live
 * as long as the function that registered it.
 */
public final class SnapStartHooks {

    /** Set by the local stack only, never by the SAM template: the id of the function's own context. */
    public static final String LOCAL_CONTEXT = "SEATPILOT_LOCAL_SNAPSTART_CONTEXT";
    private static final Map<String, Context<Resource>> HOSTED = new ConcurrentHashMap<>();

    private final Context<Resource> context;
    private final List<Resource> registered = new CopyOnWriteArrayList<>();

    private SnapStartHooks(Context<Resource> context) {
        this.context = context;
    }

    /** The function's context: its local one while the stack is initialising it, otherwise org.crac's global one. */
    public static SnapStartHooks of(Env env) {
        return new SnapStartHooks(env.optional(LOCAL_CONTEXT).map(HOSTED::get).orElseGet(Core::getGlobalContext));
    }

    /** Hooks {@code resource} into the snapshot's lifecycle; answers it, so a field can be assigned in one line. */
    public <R extends Resource> R register(R resource) {
        registered.add(resource);
        context.register(resource);
        return resource;
    }

    /**
     * For the local stack: makes {@code context} the one {@link #of} answers for environments naming {@code id},
     * until the answer is closed (the end of the function's init).
     */
    public static Hosted host(String id, Context<Resource> context) {
        if (HOSTED.putIfAbsent(id, context) != null) {
            throw new IllegalStateException("A context " + id + " is hosted already");
        }
        return () -> HOSTED.remove(id, context);
    }

    /** A hosted context, until closed. */
    public interface Hosted extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether the function is initialised for a snapshot (Lambda says so in its environment; the local stack too). */
    public static boolean snapshotComing(Env env) {
        return "snap-start".equals(env.optional("AWS_LAMBDA_INITIALIZATION_TYPE", ""));
    }
}
