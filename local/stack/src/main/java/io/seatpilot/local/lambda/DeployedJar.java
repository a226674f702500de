package io.seatpilot.local.lambda;

import io.seatpilot.core.snapstart.LocalSnapshot;
import io.seatpilot.core.snapstart.SnapStartHooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * A function hosted from its deployable jar (its template {@code CodeUri}, the shrunk {@code lambda.jar}) in a class
 * loader that sees nothing of the stack's class path, instead of from the modules' classes: with
 * {@code -D}{@value #PROPERTY}{@code =true}, integration tests exercise exactly what Lambda would run. The jar has its
 * own copies of everything (the runtime's types, org.crac, the kernel's snapshot hooks), so what crosses from the
 * stack is JSON (as in Lambda), the context (through a proxy of the jar's {@code Context}) and the snapshot: the
 * jar's own {@code LocalSnapshot}, a context of the jar's org.crac. Events go through a copy of the runtime's
 * serialisation library of the jar's own ({@link RuntimeSerializers#forJar}), as each function in Lambda has a runtime
 * of its own: one shared copy would read a second jar's {@code DynamodbEvent} with the first jar's classes.
 */
public final class DeployedJar implements AutoCloseable {

    public static final String PROPERTY = "seatpilot.local.deployedJars";

    private final URLClassLoader loader;
    private final Class<?> snapshotType;
    private final RuntimeSerializers serializers;

    private DeployedJar(URLClassLoader loader) {
        this.loader = loader;
        this.snapshotType = loadSnapshotType(loader);
        this.serializers = RuntimeSerializers.forJar(loader);
    }

    private static Class<?> loadSnapshotType(ClassLoader jar) {
        try {
            return jar.loadClass(LocalSnapshot.class.getName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the jar has no " + LocalSnapshot.class.getName(), e);
        }
    }

    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    public static DeployedJar of(FunctionDefinition function, Path repositoryRoot) {
        Path jar = repositoryRoot.resolve(function.codeUri()
                .orElseThrow(() -> new IllegalStateException(function.logicalId() + " has no CodeUri")));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the function modules (package) first");
        }
        try {
            return new DeployedJar(new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ClassLoader loader() {
        return loader;
    }

    /** The runtime's serialisers as this function's own runtime would have them. */
    RuntimeSerializers serializers() {
        return serializers;
    }

    /** A fresh snapshot context of the jar's org.crac, for {@link #host} and {@link #checkpointAndRestore}. */
    public Object snapshot() throws ReflectiveOperationException {
        return snapshotType.getConstructor().newInstance();
    }

    /** The jar's {@code SnapStartHooks.host(id, snapshot)}: its init registers its hooks there. */
    public AutoCloseable host(String id, Object snapshot) throws ReflectiveOperationException {
        return (AutoCloseable) loader.loadClass(SnapStartHooks.class.getName())
                .getMethod("host", String.class, loader.loadClass("org.crac.Context")).invoke(null, id, snapshot);
    }

    /** The class names of what the function registered in {@code snapshot} (its primer is a {@code Priming}). */
    public java.util.List<String> registered(Object snapshot) throws ReflectiveOperationException {
        return ((java.util.List<?>) snapshotType.getMethod("registered").invoke(snapshot)).stream().map(r -> r.getClass().getName()).toList();
    }

    /** Runs the hooks registered in {@code snapshot}; a failing hook is thrown as the cause. */
    public void checkpointAndRestore(Object snapshot) throws Exception {
        Method run = snapshotType.getMethod("checkpointAndRestore");
        try {
            run.invoke(snapshot);
        } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            Throwable hook = failure.getSuppressed().length > 0 ? failure.getSuppressed()[0] : failure;
            throw new IllegalStateException("a SnapStart hook failed in " + loader.getURLs()[0] + ": " + hook, hook);
        }
    }

    /** Runs {@code work} with the jar's loader as the thread's context loader, as Lambda's runtime does. */
    public <T> T within(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * {@code value} as an instance of the jar's {@code type}, an interface of the same name as one {@code value}
     * implements ({@code Context}, {@code LambdaLogger}…): each call is made on {@code value} by method name and
     * parameter types, and an interface answer is bridged the same way.
     */
    public static Object bridge(Object value, Class<?> type) {
        if (value == null || type.isInstance(value)) {
            return value;
        }
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "equals": return proxy == args[0];
                case "hashCode": return System.identityHashCode(proxy);
                case "toString": return "jar side of " + value;
                default: break;
            }
            Method target = Arrays.stream(value.getClass().getMethods())
                    .filter(m -> m.getName().equals(method.getName()) && sameParameters(m, method))
                    .findFirst().orElseThrow(() -> new UnsupportedOperationException(method.toString()));
            target.setAccessible(true);
            Object answer;
            try {
                answer = target.invoke(value, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return method.getReturnType().isInterface() ? bridge(answer, method.getReturnType()) : answer;
        });
    }

    private static boolean sameParameters(Method a, Method b) {
        Class<?>[] x = a.getParameterTypes();
        Class<?>[] y = b.getParameterTypes();
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!x[i].getName().equals(y[i].getName())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        serializers.close();
        loader.close();
    }
}
