package io.seatpilot.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * What a function prints on stdout while it runs — in Lambda, its log stream, where CloudWatch reads EMF metric
 * lines from — kept here as the function's last {@link #KEPT} lines, so tests can read a function's metrics where
 * they were emitted. Lines written on a thread serving an invocation (and on threads it starts) go to that
 * function; every other line goes to the JVM's stdout unchanged. A quiet stack keeps function lines without
 * echoing them, so a test suite's console is not buried under one EMF line per request.
 */
public final class FunctionOutput {

    static final int KEPT = 2_000;

    /** The function whose invocation the current thread serves; inherited by the threads it starts. */
    private static final InheritableThreadLocal<FunctionOutput> SERVING = new InheritableThreadLocal<>();
    /** The current thread's line so far (bytes, so a UTF-8 character split across writes stays whole). */
    private static final ThreadLocal<ByteArrayOutputStream> PENDING = ThreadLocal.withInitial(ByteArrayOutputStream::new);
    private static PrintStream stdout;

    private final Deque<String> lines = new ArrayDeque<>();
    private final Consumer<String> echo;
    private long written;

    /** @param echo whether each line also goes to the JVM's stdout (a stack that is not quiet) */
    FunctionOutput(boolean echo) {
        PrintStream original = route();
        this.echo = echo ? original::println : line -> { };
    }

    /** How many lines the function has printed so far: a mark for {@link #since}. */
    public synchronized long written() {
        return written;
    }

    /** The lines printed after the mark {@code written} (of those still kept), oldest first. */
    public synchronized List<String> since(long mark) {
        long newer = Math.min(written - mark, lines.size());
        return newer <= 0 ? List.of() : List.copyOf(lines).subList(lines.size() - (int) newer, lines.size());
    }

    /** Runs {@code body} with the current thread's stdout going to this function. */
    <T> T serve(Callable<T> body) throws Exception {
        FunctionOutput previous = SERVING.get();
        SERVING.set(this);
        try {
            return body.call();
        } finally {
            System.out.flush();
            ByteArrayOutputStream unfinished = PENDING.get();
            if (unfinished.size() > 0) {
                add(unfinished.toString(StandardCharsets.UTF_8));
                unfinished.reset();
            }
            SERVING.set(previous);
        }
    }

    private synchronized void add(String line) {
        if (lines.size() == KEPT) {
            lines.removeFirst();
        }
        lines.addLast(line);
        written++;
        echo.accept(line);
    }

    /** Replaces the JVM's stdout once by the router; answers the original stdout. */
    private static synchronized PrintStream route() {
        if (stdout == null) {
            stdout = System.out;
            System.setOut(new PrintStream(new Router(stdout), true, StandardCharsets.UTF_8));
        }
        return stdout;
    }

    /** Sends each whole line of a serving thread to its function, everything else to the original stdout. */
    private static final class Router extends OutputStream {

        private final PrintStream original;

        Router(PrintStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            FunctionOutput function = SERVING.get();
            if (function == null) {
                original.write(bytes, offset, length);
                return;
            }
            ByteArrayOutputStream line = PENDING.get();
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    function.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else if (bytes[i] != '\r') {
                    line.write(bytes[i]);
                }
            }
        }

        @Override
        public void flush() {
            original.flush();
        }
    }
}
