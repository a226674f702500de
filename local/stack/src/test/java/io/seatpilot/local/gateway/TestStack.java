package io.seatpilot.local.gateway;

import io.seatpilot.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One stack on the test template (src/test/resources/…/test-template.yaml, handlers in .fixtures) for every test
 * class of this package: the stand-ins start once per JVM. Its repository root is a temporary folder with a
 * dashboard, so the /ops/ files are the test's own.
 */
public final class TestStack {

    static final String DASHBOARD_INDEX = "<!doctype html><title>ops test dashboard</title>";

    private static LocalStack stack;

    private TestStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            try {
                Path root = Files.createTempDirectory("seatpilot-local-test");
                Files.createDirectories(root.resolve("dashboard/js"));
                Files.writeString(root.resolve("dashboard/index.html"), DASHBOARD_INDEX);
                Files.writeString(root.resolve("dashboard/js/app.js"), "console.log('ops');");
                Path template = Path.of(TestStack.class.getResource("test-template.yaml").toURI());
                stack = LocalStack.builder().httpPort(0).wsPort(0).repositoryRoot(root).template(template)
                        .visibilityTimeoutOverrideSeconds(1).demoDeviceKey(false).quiet(true)
                        // API Gateway's 30 s, shortened so the gateway test sees the 503 without waiting for it
                        .integrationTimeout(Duration.ofSeconds(2)).build().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }
}
