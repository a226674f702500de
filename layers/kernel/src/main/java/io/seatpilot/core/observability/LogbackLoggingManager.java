package io.seatpilot.core.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * What Powertools' logging core calls to change the log level: at start from {@code POWERTOOLS_LOG_LEVEL} (Lambda sets
 * it from the template), and to DEBUG for a sampled invocation ({@code POWERTOOLS_LOGGER_SAMPLE_RATE}). Registered in
 * {@code META-INF/services}; without one, Powertools prints an error to stderr and ignores the level. Only our own
 * loggers ({@code io.seatpilot}) change: the libraries stay at WARN, so a sampled invocation does not print the AWS
 * SDK's debug lines (request and response details). (Powertools' log4j manager set every logger, root included.)
 */
public final class LogbackLoggingManager implements LoggingManager {

    @Override
    public void setLogLevel(org.slf4j.event.Level level) {
        context().getLogger(JsonLogConfigurator.OURS).setLevel(Level.convertAnSLF4JLevel(level));
    }

    @Override
    public org.slf4j.event.Level getLogLevel(org.slf4j.Logger logger) {
        Level effective = context().getLogger(logger.getName()).getEffectiveLevel();
        return org.slf4j.event.Level.intToLevel(Level.toLocationAwareLoggerInteger(effective));
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
