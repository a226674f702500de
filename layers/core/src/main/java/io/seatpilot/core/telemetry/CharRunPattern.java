package io.seatpilot.core.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schemas' identifier patterns — a whole string made of runs of ASCII character classes, such as a UUID or
 * {@code ^[A-Za-z0-9_-]{1,64}$(?![\s\S])} — checked with a table per class instead of a regular expression, whose
 * matcher was most of the envelope check's time (issue 16). Only that form is recognised, and only where no
 * backtracking could matter (every run but the last has a fixed length); any other pattern stays a regular
 * expression. CharRunPatternTest checks that each pattern of {@code schemas/} accepts exactly what
 * {@code Pattern.find} accepts.
 */
final class CharRunPattern implements Predicate<String> {

    /** One class ({@code [a-z0-9_-]}) or one literal character, and how many times it repeats. */
    private record Run(boolean[] ascii, int min, int max) {

        boolean accepts(char c) {
            return c < 128 && ascii[c];
        }
    }

    // ^ then runs then $(?![\s\S]): the lookahead makes $ mean the very end, not also before a final line break
    private static final Pattern WHOLE = Pattern.compile("\\^(.*)\\$\\(\\?!\\[\\\\s\\\\S]\\)");
    private static final Pattern RUN = Pattern.compile("(?:\\[([A-Za-z0-9_.:-]+)]|([A-Za-z0-9_:-]))(?:\\{(\\d+)(?:(,)(\\d+))?})?");

    private final Run[] runs;
    private final int fixedLength;

    private CharRunPattern(Run[] runs) {
        this.runs = runs;
        int fixed = 0;
        for (int i = 0; i < runs.length - 1; i++) {
            fixed += runs[i].min;
        }
        this.fixedLength = fixed;
    }

    /** The table form of {@code regex}, or empty when it is not a whole-string run of classes. */
    static Optional<Predicate<String>> of(String regex) {
        Matcher whole = WHOLE.matcher(regex);
        if (!whole.matches()) {
            return Optional.empty();
        }
        List<Run> runs = new ArrayList<>();
        Matcher run = RUN.matcher(whole.group(1));
        int at = 0;
        while (at < whole.group(1).length()) {
            if (!run.find(at) || run.start() != at) {
                return Optional.empty();
            }
            boolean[] ascii = run.group(1) != null ? charClass(run.group(1)) : literal(run.group(2).charAt(0));
            if (ascii == null) {
                return Optional.empty();
            }
            int min = run.group(3) == null ? 1 : Integer.parseInt(run.group(3));
            int max = run.group(4) == null ? min : Integer.parseInt(run.group(5));
            if (max < min || (!runs.isEmpty() && runs.getLast().min != runs.getLast().max)) {
                return Optional.empty(); // a variable run before another one: a regex could backtrack into it
            }
            runs.add(new Run(ascii, min, max));
            at = run.end();
        }
        return runs.isEmpty() ? Optional.empty() : Optional.of(new CharRunPattern(runs.toArray(Run[]::new)));
    }

    @Override
    public boolean test(String text) {
        Run last = runs[runs.length - 1];
        int lastLength = text.length() - fixedLength;
        if (lastLength < last.min || lastLength > last.max) {
            return false;
        }
        int at = 0;
        for (Run run : runs) {
            int end = run == last ? text.length() : at + run.min;
            for (; at < end; at++) {
                if (!run.accepts(text.charAt(at))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code a-z} ranges and single characters; a {@code -} first or last is itself. Null for anything else. */
    private static boolean[] charClass(String items) {
        boolean[] ascii = new boolean[128];
        for (int i = 0; i < items.length(); i++) {
            char from = items.charAt(i);
            if (i + 2 < items.length() && items.charAt(i + 1) == '-') {
                char to = items.charAt(i + 2);
                if (!Character.isLetterOrDigit(from) || !Character.isLetterOrDigit(to) || to < from) {
                    return null;
                }
                for (char c = from; c <= to; c++) {
                    ascii[c] = true;
                }
                i += 2;
            } else if (from == '-' && i != 0 && i != items.length() - 1) {
                return null;
            } else {
                ascii[from] = true;
            }
        }
        return ascii;
    }

    private static boolean[] literal(char c) {
        boolean[] ascii = new boolean[128];
        ascii[c] = true;
        return ascii;
    }
}
