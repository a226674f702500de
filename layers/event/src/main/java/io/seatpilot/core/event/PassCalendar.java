package io.seatpilot.core.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The pass's {@code event.ics}: one VEVENT, written to RFC 5545 by hand rather than with ical4j (whose dependency
 * tree would triple the door function's jar for one fixed-shape event). What a careful writer must do, it does:
 * CRLF line ends, TEXT values escaped (§3.3.11), lines folded at 75 octets without splitting a UTF-8 character
 * (§3.1), times in UTC.
 */
public final class PassCalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_OCTETS = 75;

    private PassCalendar() {
    }

    /** {@code uid} is stable per pass (a calendar updates the event instead of adding a second one). */
    public static String event(String uid, long stampedAt, long startsAt, String summary, String location, String description, String url) {
        StringBuilder ics = new StringBuilder(512);
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//SeatPilot//Guest pass//EN");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "METHOD:PUBLISH");
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + text(uid));
        line(ics, "DTSTAMP:" + UTC.format(Instant.ofEpochMilli(stampedAt)));
        line(ics, "DTSTART:" + UTC.format(Instant.ofEpochMilli(startsAt)));
        line(ics, "SUMMARY:" + text(summary));
        if (location != null) {
            line(ics, "LOCATION:" + text(location));
        }
        line(ics, "DESCRIPTION:" + text(description));
        line(ics, "URL:" + url);
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /** RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    /** Appends a content line, folded: each physical line at most 75 octets, continuations start with a space. */
    private static void line(StringBuilder ics, String content) {
        int octets = 0;
        int limit = MAX_OCTETS;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                ics.append("\r\n ");
                octets = 0;
                limit = MAX_OCTETS - 1; // the leading space counts
            }
            ics.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        ics.append("\r\n");
    }
}
