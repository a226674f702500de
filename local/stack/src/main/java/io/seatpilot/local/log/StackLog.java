package io.seatpilot.local.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local stack's own output: human lines for start-up, one JSON line per invocation (easy to grep or pipe
 * into jq), and warnings on stderr. Quiet mode, for test suites, keeps only warnings and errors, each on one
 * line.
 */
public final class StackLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean quiet;
    private final PrintStream out;
    private final PrintStream err;

    public StackLog(boolean quiet) {
        this(quiet, System.out, System.err);
    }

    StackLog(boolean quiet, PrintStream out, PrintStream err) {
        this.quiet = quiet;
        this.out = out;
        this.err = err;
    }

    public boolean quiet() {
        return quiet;
    }

    public void info(String line) {
        if (!quiet) {
            out.println(line);
        }
    }

    /** One structured line; {@code fields} keep their order after the timestamp. */
    public void event(String type, Map<String, Object> fields) {
        if (quiet) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("type", type);
        line.putAll(fields);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            err.println("WARN cannot log " + type + ": " + e.getOriginalMessage());
        }
    }

    public void warn(String message) {
        err.println("WARN " + message);
    }

    public void error(String message, Throwable cause) {
        err.println("ERROR " + message + ": " + cause);
        if (!quiet) {
            cause.printStackTrace(err);
        }
    }
}
