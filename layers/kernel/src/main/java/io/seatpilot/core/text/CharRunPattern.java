package io.seatpilot.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifier patterns — a whole string made of runs of ASCII character classes, such as a UUID,
 * {@code [A-Za-z0-9_-]{1,64}} or a key id {@code <tenant>.<random>} — checked with a table per class instead of
 * a regular expression, whose matcher was most of ingest's checking time (issue 16). Each run takes as many
 * characters as it can and never gives one back; that is exact (the regex's backtracking could find no other
 * match) because a run of variable length is only accepted where the characters after it cannot be its own: its
 * class shares none with the runs that could follow it. Any other pattern is not taken ({@link #of} is empty,
 * {@link #whole} throws). CharRunPatternTest checks each pattern used accepts exactly what the regex accepts.
 */
public final class CharRunPattern implements Predicate<String> {

    /** One class ({@code [a-z0-9_-]}) or one literal character, and how many times it repeats. */
    private record Run(boolean[] ascii, int min, int max) {

        boolean accepts(char c) {
            return c < 128 && ascii[c];
        }
    }

    // ^ then runs then $(?![\s\S]): the lookahead makes $ mean the very end, not also before a final line break
    private static final Pattern SCHEMA_FORM = Pattern.compile("\\^(.*)\\$\\(\\?!\\[\\\\s\\\\S]\\)");
    private static final Pattern RUN = Pattern.compile(
            "(?:\\[([A-Za-z0-9_.:-]+)]|([A-Za-z0-9_:-])|\\\\([.]))(?:\\{(\\d+)(?:(,)(\\d+))?})?");

    private final Run[] runs;

    private CharRunPattern(Run[] runs) {
        this.runs = runs;
    }

    /**
     * The table form of a schema pattern {@code ^…$(?![\s\S])} (matched with {@code find()}, as JSON Schema does),
     * or empty when it is not a whole-string run of classes.
     */
    public static Optional<Predicate<String>> of(String schemaRegex) {
        Matcher whole = SCHEMA_FORM.matcher(schemaRegex);
        return whole.matches() ? parse(whole.group(1)).<Predicate<String>>map(p -> p) : Optional.empty();
    }

    /** The table form of {@code regex} as {@link Matcher#matches()} applies it; for patterns fixed in the code. */
    public static CharRunPattern whole(String regex) {
        return parse(regex).orElseThrow(() -> new IllegalArgumentException(regex + " is not a run of character classes"));
    }

    private static Optional<CharRunPattern> parse(String regex) {
        List<Run> runs = new ArrayList<>();
        Matcher run = RUN.matcher(regex);
        int at = 0;
        while (at < regex.length()) {
            if (!run.find(at) || run.start() != at) {
                return Optional.empty();
            }
            boolean[] ascii = run.group(1) != null ? charClass(run.group(1))
                    : literal((run.group(2) != null ? run.group(2) : run.group(3)).charAt(0));
            if (ascii == null) {
                return Optional.empty();
            }
            int min = run.group(4) == null ? 1 : Integer.parseInt(run.group(4));
            int max = run.group(5) == null ? min : Integer.parseInt(run.group(6));
            if (max < min) {
                return Optional.empty();
            }
            runs.add(new Run(ascii, min, max));
            at = run.end();
        }
        return runs.isEmpty() || !greedyIsExact(runs) ? Optional.empty() : Optional.of(new CharRunPattern(runs.toArray(Run[]::new)));
    }

    /**
     * A run of variable length must share no character with the runs that can start right after it: those up to
     * and including the first that cannot be empty. Otherwise a regex could backtrack into it and match anyway.
     */
    private static boolean greedyIsExact(List<Run> runs) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).min == runs.get(i).max) {
                continue;
            }
            for (int j = i + 1; j < runs.size(); j++) {
                for (int c = 0; c < 128; c++) {
                    if (runs.get(i).ascii[c] && runs.get(j).ascii[c]) {
                        return false;
                    }
                }
                if (runs.get(j).min > 0) {
                    break;
                }
            }
        }
        return true;
    }

    @Override
    public boolean test(String text) {
        int at = 0;
        for (Run run : runs) {
            int end = Math.min(text.length(), at + run.max);
            int start = at;
            while (at < end && run.accepts(text.charAt(at))) {
                at++;
            }
            if (at - start < run.min) {
                return false;
            }
        }
        return at == text.length();
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
