package io.seatpilot.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A function's handler object and the method Lambda's Java runtime would call on it, with the runtime's own
 * serialisation: event JSON becomes the method's parameter type through aws-lambda-java-serialization (the
 * library the runtime uses), and the return value goes back to JSON the same way. Mapping mistakes between
 * an event and its Java type therefore show up locally, not first in AWS.
 */
final class LambdaHandler {

    private final Object instance;
    private final HandlerMethod method;
    private final Optional<DeployedJar> jar;

    private LambdaHandler(Object instance, HandlerMethod method, Optional<DeployedJar> jar) {
        this.instance = instance;
        this.method = method;
        this.jar = jar;
    }

    /**
     * Instantiates the handler through its public {@code Map<String, String>} constructor with {@code environment}
     * (the function's, as its init sees it) (the no-argument constructor Lambda uses would read this JVM's environment instead), or
     * through {@code factory} when a test supplies one.
     */
    static LambdaHandler load(FunctionDefinition function, Map<String, String> environment,
                              Optional<Function<Map<String, String>, Object>> factory) throws ReflectiveOperationException {
        Object instance;
        if (factory.isPresent()) {
            instance = factory.get().apply(environment);
        } else {
            instance = construct(function, LambdaHandler.class.getClassLoader(), environment);
        }
        return new LambdaHandler(instance, HandlerMethod.find(instance.getClass(), function.handlerMethod(), RuntimeSerializers.shared()),
                Optional.empty());
    }

    /** The handler as {@code jar} holds it, constructed with {@code environment}; call it within the jar's loader. */
    static LambdaHandler load(FunctionDefinition function, Map<String, String> environment, DeployedJar jar)
            throws ReflectiveOperationException {
        Object instance = construct(function, jar.loader(), environment);
        return new LambdaHandler(instance, HandlerMethod.find(instance.getClass(), function.handlerMethod(), jar.serializers()),
                Optional.of(jar));
    }

    private static Object construct(FunctionDefinition function, ClassLoader loader, Map<String, String> environment)
            throws ReflectiveOperationException {
        Class<?> type = Class.forName(function.handlerClass(), true, loader);
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(Map.class);
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException(type.getName() + " has no public constructor taking Map<String, String>"
                    + " (the function's environment), which the local stack needs to host it");
        }
        return construct(constructor, environment);
    }

    private static Object construct(Constructor<?> constructor, Map<String, String> environment) throws ReflectiveOperationException {
        try {
            return constructor.newInstance(environment);
        } catch (InvocationTargetException e) {
            // The handler's own initialisation failed: report its exception, as Lambda reports an init error.
            throw e.getCause() instanceof Exception cause ? new ReflectiveOperationException(cause.toString(), cause) : e;
        }
    }

    /** Runs the handler on one event; the handler's own exception is thrown unwrapped. */
    byte[] invoke(byte[] event, Context context) throws Exception {
        try {
            return jar.isPresent() ? jar.get().within(() -> method.invoke(instance, event, context)) : method.invoke(instance, event, context);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** The shapes of handler method Lambda's Java runtime accepts. */
    private sealed interface HandlerMethod {

        byte[] invoke(Object instance, byte[] event, Context context) throws ReflectiveOperationException;

        static HandlerMethod find(Class<?> type, String name, RuntimeSerializers runtime) throws NoSuchMethodException {
            Method chosen = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic()
                            && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() <= 3)
                    .max(Comparator.comparingInt(Method::getParameterCount))
                    .orElseThrow(() -> new NoSuchMethodException(type.getName() + " has no public method " + name));
            Class<?>[] parameters = chosen.getParameterTypes();
            boolean streams = parameters.length >= 2 && parameters[0] == InputStream.class && parameters[1] == OutputStream.class;
            return streams ? new Streaming(chosen) : new Pojo(chosen, runtime);
        }

        /** {@code handleRequest(InputStream, OutputStream[, Context])}: raw bytes both ways. */
        record Streaming(Method method) implements HandlerMethod {
            @Override
            public byte[] invoke(Object instance, byte[] event, Context context) throws ReflectiveOperationException {
                var output = new ByteArrayOutputStream();
                var input = new ByteArrayInputStream(event);
                if (method.getParameterCount() == 3) {
                    method.invoke(instance, input, output, DeployedJar.bridge(context, method.getParameterTypes()[2]));
                } else {
                    method.invoke(instance, input, output);
                }
                return output.toByteArray();
            }
        }

        /** {@code handleRequest(I[, Context])} or {@code handleRequest()}: JSON through the runtime's serialisers. */
        record Pojo(Method method, RuntimeSerializers runtime, Map<Type, RuntimeSerializers.Serializer> serializers) implements HandlerMethod {

            Pojo(Method method, RuntimeSerializers runtime) {
                this(method, runtime, new ConcurrentHashMap<>());
            }

            @Override
            public byte[] invoke(Object instance, byte[] event, Context context) throws ReflectiveOperationException {
                Object[] arguments = new Object[method.getParameterCount()];
                Class<?>[] types = method.getParameterTypes();
                if (arguments.length > 0 && !isContext(types[0])) {
                    arguments[0] = serializer(method.getGenericParameterTypes()[0])
                            .fromJson(new String(event, StandardCharsets.UTF_8));
                }
                if (arguments.length > 0 && isContext(types[arguments.length - 1])) {
                    arguments[arguments.length - 1] = DeployedJar.bridge(context, types[arguments.length - 1]);
                }
                Object result = method.invoke(instance, arguments);
                if (result == null) {
                    return "null".getBytes(StandardCharsets.UTF_8);
                }
                Type declared = method.getGenericReturnType();
                var output = new ByteArrayOutputStream();
                serializer(declared == Object.class ? result.getClass() : declared).toJson(result, output);
                return output.toByteArray();
            }

            /** The runtime's {@code Context}, this class path's or a deployed jar's own. */
            private static boolean isContext(Class<?> type) {
                return type.getName().equals(Context.class.getName());
            }

            private RuntimeSerializers.Serializer serializer(Type type) {
                return serializers.computeIfAbsent(type, runtime::serializerFor);
            }
        }
    }
}
