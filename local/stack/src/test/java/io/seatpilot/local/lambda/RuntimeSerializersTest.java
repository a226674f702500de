package io.seatpilot.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.joda.time.DateTime;
import org.junit.jupiter.api.Test;

/**
 * Two deployed jars in one JVM, each with its own copy of the Lambda event classes, as two functions reading the
 * same DynamoDB stream have: each must get the event as its own classes, which one shared copy of the runtime's
 * serialisation library does not do (it keeps what it built for the first jar, by class name).
 */
class RuntimeSerializersTest {

    private static final String STREAM_EVENT = """
            {"Records":[{"eventID":"1","eventName":"INSERT","eventSource":"aws:dynamodb","awsRegion":"us-east-1",
             "dynamodb":{"Keys":{"pk":{"S":"T#a"}},"NewImage":{"pk":{"S":"T#a"},"count":{"N":"3"}},
             "StreamViewType":"NEW_AND_OLD_IMAGES","SequenceNumber":"100","SizeBytes":26}}]}""";

    @Test
    void eachJarReadsAStreamEventAsItsOwnClasses() throws Exception {
        // what a function jar carries of them: the event classes and joda's DateTime, which the library asks for
        URL[] carried = {location(DynamodbEvent.class), location(DateTime.class)};
        try (var first = new URLClassLoader(carried, ClassLoader.getPlatformClassLoader());
             var second = new URLClassLoader(carried, ClassLoader.getPlatformClassLoader());
             var firstRuntime = RuntimeSerializers.forJar(first);
             var secondRuntime = RuntimeSerializers.forJar(second)) {
            for (var jar : List.of(first, second)) {
                RuntimeSerializers runtime = jar == first ? firstRuntime : secondRuntime;
                Class<?> type = jar.loadClass(DynamodbEvent.class.getName());
                Object event = runtime.serializerFor(type).fromJson(STREAM_EVENT);

                assertSame(type, event.getClass(), "the event is of the jar's own class");
                var output = new ByteArrayOutputStream();
                runtime.serializerFor(type).toJson(event, output);
                String written = output.toString(StandardCharsets.UTF_8);
                assertEquals(true, written.contains("\"count\":{\"N\":\"3\"}"), written);
            }
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void functionsOnTheStacksClassPathShareTheLibrary() {
        DynamodbEvent event = (DynamodbEvent) RuntimeSerializers.shared().serializerFor(DynamodbEvent.class).fromJson(STREAM_EVENT);

        assertEquals("3", event.getRecords().get(0).getDynamodb().getNewImage().get("count").getN());
    }
}
