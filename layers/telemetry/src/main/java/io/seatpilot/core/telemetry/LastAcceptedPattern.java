package io.seatpilot.core.telemetry;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A schema pattern left to a regular expression (the few that are not runs of classes: the semantic version of
 * {@code schema_version}, the locale tag) remembers the last text it accepted. Those values repeat on nearly every
 * envelope a device sends, and matching them again was most of what the envelope check still cost (issue 16);
 * any other text is matched as before, with {@code find()} as networknt does. The field is written without
 * a lock: a String is immutable, so a thread sees either an earlier accepted text or this one, both accepted.
 */
final class LastAcceptedPattern implements Predicate<String> {

    private final Pattern pattern;
    private String lastAccepted;

    LastAcceptedPattern(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    @Override
    public boolean test(String text) {
        if (text.equals(lastAccepted)) {
            return true;
        }
        boolean accepted = pattern.matcher(text).find();
        if (accepted) {
            lastAccepted = text;
        }
        return accepted;
    }
}
