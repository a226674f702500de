package io.seatpilot.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Lambda's logger writes each call as one log event; locally each call becomes one line on stdout. */
final class StdoutLambdaLogger implements LambdaLogger {

    private final PrintStream out;

    StdoutLambdaLogger(PrintStream out) {
        this.out = out;
    }

    @Override
    public void log(String message) {
        out.println(message.endsWith("\n") ? message.substring(0, message.length() - 1) : message);
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
