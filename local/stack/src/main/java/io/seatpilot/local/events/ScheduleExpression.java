package io.seatpilot.local.events;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(5 minutes)} or {@code cron(min hour day-of-month month
 * day-of-week year)} in UTC, with {@code * ? , - /}, month and day names, and AWS's day-of-week numbering
 * (1 = Sunday). The {@code L}, {@code W} and {@code #} forms are refused rather than approximated.
 */
public sealed interface ScheduleExpression {

    /** The first firing strictly after {@code after}. */
    Instant next(Instant after);

    static ScheduleExpression parse(String expression) {
        String trimmed = expression.trim();
        if (trimmed.startsWith("rate(") && trimmed.endsWith(")")) {
            return Rate.parse(trimmed.substring(5, trimmed.length() - 1));
        }
        if (trimmed.startsWith("cron(") && trimmed.endsWith(")")) {
            return Cron.parse(trimmed.substring(5, trimmed.length() - 1));
        }
        throw new IllegalArgumentException("Not a schedule expression: " + expression);
    }

    /** Fires every {@code period}, counted from when the schedule starts. */
    record Rate(Duration period) implements ScheduleExpression {

        private static final Pattern FORM = Pattern.compile("(\\d+)\\s+(minute|minutes|hour|hours|day|days)");

        static Rate parse(String body) {
            Matcher matcher = FORM.matcher(body.trim());
            if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < 1) {
                throw new IllegalArgumentException("Not a rate: " + body);
            }
            long value = Long.parseLong(matcher.group(1));
            Duration unit = switch (matcher.group(2)) {
                case "minute", "minutes" -> Duration.ofMinutes(1);
                case "hour", "hours" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return new Rate(unit.multipliedBy(value));
        }

        @Override
        public Instant next(Instant after) {
            return after.plus(period);
        }
    }

    /** {@code anyDayOfMonth}: the day-of-month field is '?', so the day-of-week field decides. */
    record Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years,
                boolean anyDayOfMonth) implements ScheduleExpression {

        private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
                "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
        /** Far enough for any yearly schedule; a schedule that never fires again ends the search. */
        private static final int SEARCH_YEARS = 5;

        static Cron parse(String body) {
            String[] fields = body.trim().toUpperCase(Locale.ROOT).split("\\s+");
            if (fields.length != 6) {
                throw new IllegalArgumentException("A cron expression has six fields: " + body);
            }
            boolean anyDayOfMonth = fields[2].equals("?");
            boolean anyDayOfWeek = fields[4].equals("?");
            if (anyDayOfMonth == anyDayOfWeek) {
                throw new IllegalArgumentException("Exactly one of day-of-month and day-of-week must be '?': " + body);
            }
            return new Cron(field(fields[0], 0, 59, List.of(), 0), field(fields[1], 0, 23, List.of(), 0),
                    field(fields[2], 1, 31, List.of(), 0), field(fields[3], 1, 12, MONTHS, 1),
                    field(fields[4], 1, 7, DAYS, 1), field(fields[5], 1970, 2199, List.of(), 0), anyDayOfMonth);
        }

        private static BitSet field(String text, int min, int max, List<String> names, int firstName) {
            BitSet values = new BitSet();
            if (text.equals("?")) {
                values.set(min, max + 1);
                return values;
            }
            for (String part : text.split(",")) {
                if (part.matches(".*[LW#].*")) {
                    throw new IllegalArgumentException("The cron forms L, W and # are not emulated: " + text);
                }
                String[] stepped = part.split("/", 2);
                int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
                String range = stepped[0];
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    from = value(range.substring(0, range.indexOf('-')), names, firstName);
                    to = value(range.substring(range.indexOf('-') + 1), names, firstName);
                } else {
                    from = value(range, names, firstName);
                    to = stepped.length == 2 ? max : from;
                }
                if (from < min || to > max || from > to || step < 1) {
                    throw new IllegalArgumentException("Cron field out of range " + min + "-" + max + ": " + text);
                }
                for (int v = from; v <= to; v += step) {
                    values.set(v);
                }
            }
            return values;
        }

        private static int value(String text, List<String> names, int firstName) {
            int index = names.indexOf(text);
            return index >= 0 ? index + firstName : Integer.parseInt(text);
        }

        @Override
        public Instant next(Instant after) {
            ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            ZonedDateTime limit = t.plusYears(SEARCH_YEARS);
            while (t.isBefore(limit)) {
                if (!years.get(t.getYear()) || !months.get(t.getMonthValue())) {
                    t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                } else if (!dayMatches(t)) {
                    t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                } else if (!hours.get(t.getHour())) {
                    t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                } else if (!minutes.get(t.getMinute())) {
                    t = t.plusMinutes(1);
                } else {
                    return t.toInstant();
                }
            }
            throw new IllegalStateException("The schedule never fires again");
        }

        private boolean dayMatches(ZonedDateTime t) {
            // AWS numbers Sunday 1 … Saturday 7; java.time numbers Monday 1 … Sunday 7.
            int awsDayOfWeek = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
            return anyDayOfMonth ? daysOfWeek.get(awsDayOfWeek) : daysOfMonth.get(t.getDayOfMonth());
        }
    }
}
