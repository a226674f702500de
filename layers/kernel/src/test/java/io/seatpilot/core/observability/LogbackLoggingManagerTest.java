package io.seatpilot.core.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;
import software.amazon.lambda.powertools.logging.internal.LoggingManagerRegistry;

/** Powertools changes log levels (POWERTOOLS_LOG_LEVEL, sampling) through the manager it finds as a service. */
class LogbackLoggingManagerTest {

    @Test
    void powertoolsFindsItAndItChangesOurLoggersButNotTheLibraries() {
        LoggingManager manager = LoggingManagerRegistry.getLoggingManager();
        assertInstanceOf(LogbackLoggingManager.class, manager);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var ours = LoggerFactory.getLogger("io.seatpilot.sampled");
        var library = LoggerFactory.getLogger("software.amazon.awssdk.request");
        try {
            manager.setLogLevel(Level.DEBUG);

            assertEquals(Level.DEBUG, manager.getLogLevel(ours));
            assertEquals(Level.WARN, manager.getLogLevel(library));
        } finally {
            context.getLogger(JsonLogConfigurator.OURS).setLevel(ch.qos.logback.classic.Level.INFO);
        }
        assertEquals(Level.INFO, manager.getLogLevel(ours));
    }
}
