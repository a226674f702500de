package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.seatpilot.local.aws.ResourceTypes;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateLoader;
import io.seatpilot.local.template.TemplateResource;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Handler named in template.yaml is on the local stack's classpath, with the {@code Map<String, String>}
 * constructor the stack hosts it through and the method the template names.
 */
class HandlersOnClasspathTest {

    @TestFactory
    Stream<DynamicTest> everyHandlerOfTheTemplateCanBeHosted() {
        Template template = TemplateLoader.load(Path.of(System.getProperty("seatpilot.repo.root", "../.."), "template.yaml"));
        List<TemplateResource> functions = template.resourcesOfType(ResourceTypes.SERVERLESS_FUNCTION);
        assertFalse(functions.isEmpty());
        return functions.stream().map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
            String handler = String.valueOf(function.properties().get("Handler"));
            String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
            String methodName = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
            Class<?> type = assertDoesNotThrow(() -> Class.forName(className), handler + " is not on the classpath");
            assertDoesNotThrow(() -> type.getConstructor(Map.class), className + " needs a public (Map<String, String>) constructor");
            assertFalse(Arrays.stream(type.getMethods()).map(Method::getName).noneMatch(methodName::equals),
                    className + " has no public method " + methodName);
        }));
    }
}
