package io.seatpilot.core.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The configuration Logback finds through META-INF/services, and where its lines go. */
class JsonLogConfiguratorTest {

    @Test
    void logbackIsConfiguredByOurConfiguratorFoundAsAService() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

        assertNotNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("json"), "the ServiceLoader did not find JsonLogConfigurator");
        assertEquals(0, new StatusUtil(context).getHighestLevel(0), "Logback reported a problem: " + context.getStatusManager().getCopyOfStatusList());
    }

    @Test
    void linesGoToTheSystemOutOfTheMomentOursFromInfoAndTheLibrariesFromWarn() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JsonLogConfigurator.configure(context, null);
        PrintStream original = System.out;
        ByteArrayOutputStream swapped = new ByteArrayOutputStream();
        try {
            // as the local stack does for each function, after logging started
            System.setOut(new PrintStream(swapped, true, StandardCharsets.UTF_8));
            context.getLogger("io.seatpilot.ingest").debug("our debug");
            context.getLogger("io.seatpilot.ingest").info("our info");
            context.getLogger("software.amazon.awssdk").info("library info");
            context.getLogger("software.amazon.awssdk").warn("library warn");
        } finally {
            System.setOut(original);
        }

        List<String> messages = swapped.toString(StandardCharsets.UTF_8).lines()
                .map(line -> readMessage(line)).toList();
        assertEquals(List.of("our info", "library warn"), messages);
        assertTrue(new StatusUtil(context).getHighestLevel(0) < Status.WARN, context.getStatusManager().getCopyOfStatusList().toString());
    }

    @Test
    void powertoolsLogLevelSetsOurLoggersOnly() {
        LoggerContext context = new LoggerContext();
        JsonLogConfigurator.configure(context, "DEBUG");

        assertTrue(context.getLogger("io.seatpilot.ingest").isDebugEnabled());
        assertEquals(ch.qos.logback.classic.Level.WARN, context.getLogger("software.amazon.awssdk").getEffectiveLevel());
    }

    private static String readMessage(String line) {
        try {
            return new ObjectMapper().readTree(line).get("message").asText();
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
