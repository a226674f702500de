package io.seatpilot.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The serialisers of Lambda's Java runtime (aws-lambda-java-serialization) as one function's runtime has them: its
 * event serialisers for AWS event classes, its Jackson for anything else.
 *
 * <p>The library keeps, per class name, what it built for the first loader that asked (the joda classes, the
 * mix-ins of an event such as {@code DynamodbEvent}). In Lambda every function has a runtime of its own; a stack
 * hosting several deployed jars in one JVM gives each jar its own copy of the library ({@link #forJar}), loaded
 * beside the jar so its event classes resolve to the jar's. It is called by reflection because each copy's types
 * are its own.
 */
final class RuntimeSerializers implements AutoCloseable {

    /** One type's serialiser, whichever copy of the library made it. */
    interface Serializer {

        Object fromJson(String json);

        void toJson(Object value, OutputStream output);
    }

    private final ClassLoader library;
    private final boolean owned;

    private RuntimeSerializers(ClassLoader library, boolean owned) {
        this.library = library;
        this.owned = owned;
    }

    /** The library on the stack's own class path: functions hosted from the modules' classes share it. */
    static RuntimeSerializers shared() {
        return new RuntimeSerializers(RuntimeSerializers.class.getClassLoader(), false);
    }

    /** A copy of the library of this jar's alone, whose event classes are the jar's. */
    static RuntimeSerializers forJar(ClassLoader jar) {
        return new RuntimeSerializers(new URLClassLoader(new URL[] {libraryLocation()}, jar), true);
    }

    private static URL libraryLocation() {
        URL location = LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            // a jar of its own: a class directory would bring the stack's classes with it
            if (!Path.of(location.toURI()).toString().endsWith(".jar")) {
                throw new IllegalStateException("aws-lambda-java-serialization is not a jar here: " + location);
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(location.toString(), e);
        }
        return location;
    }

    /** The runtime's choice of serialiser for {@code type}. */
    Serializer serializerFor(Type type) {
        try {
            Object serializer;
            Class<?> events = library.loadClass(LambdaEventSerializers.class.getName());
            if (type instanceof Class<?> c && (boolean) events.getMethod("isLambdaSupportedEvent", String.class).invoke(null, c.getName())) {
                serializer = events.getMethod("serializerFor", Class.class, ClassLoader.class).invoke(null, c, c.getClassLoader());
            } else {
                Class<?> jackson = library.loadClass(JacksonFactory.class.getName());
                Object factory = jackson.getMethod("getInstance").invoke(null);
                serializer = jackson.getMethod("getSerializer", Type.class).invoke(factory, type);
            }
            return reflective(serializer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no runtime serialiser for " + type, e);
        }
    }

    private Serializer reflective(Object serializer) throws ReflectiveOperationException {
        // the library's public interface: its implementations are private classes
        Class<?> api = library.loadClass(PojoSerializer.class.getName());
        Method fromJson = api.getMethod("fromJson", String.class);
        Method toJson = api.getMethod("toJson", Object.class, OutputStream.class);
        return new Serializer() {
            @Override
            public Object fromJson(String json) {
                return call(fromJson, serializer, json);
            }

            @Override
            public void toJson(Object value, OutputStream output) {
                call(toJson, serializer, value, output);
            }
        };
    }

    private static Object call(Method method, Object target, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (owned) {
            try {
                ((URLClassLoader) library).close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
