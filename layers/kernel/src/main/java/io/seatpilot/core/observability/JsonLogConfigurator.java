package io.seatpilot.core.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The functions' log configuration, in code: Logback finds it through {@code META-INF/services} before it looks for
 * any XML file, and stops there, so Joran (Logback's XML configurator) is never loaded and need not ship. One console
 * appender writing {@link LambdaJsonEncoder} lines; {@code io.seatpilot} at {@code POWERTOOLS_LOG_LEVEL} (INFO when
 * unset), every other library at WARN. The console is Logback's {@code System.out} target, which writes to whatever
 * {@code System.out} is at each line: the local stack swaps it per function (FunctionOutput) and its tests read each
 * function's lines there.
 */
public final class JsonLogConfigurator extends ContextAwareBase implements Configurator {

    static final String OURS = "io.seatpilot";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        configure(context, System.getenv("POWERTOOLS_LOG_LEVEL"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static void configure(LoggerContext context, String level) {
        LambdaJsonEncoder encoder = new LambdaJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("json");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
        Logger ours = context.getLogger(OURS);
        ours.setLevel(Level.toLevel(level, Level.INFO));
        ours.setAdditive(false);
        ours.addAppender(console);
    }
}
