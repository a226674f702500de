package io.seatpilot.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seatpilot.local.events.ScheduleExpression;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** EventBridge rate and cron expressions, in UTC, with AWS's day-of-week numbering. */
class ScheduleExpressionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z"); // a Monday

    private static Instant next(String expression) {
        return ScheduleExpression.parse(expression).next(NOW);
    }

    @Test
    void ratesCountFromNow() {
        assertEquals(Instant.parse("2026-11-23T10:16:30Z"), next("rate(1 minute)"));
        assertEquals(Instant.parse("2026-11-23T12:15:30Z"), next("rate(2 hours)"));
        assertEquals(Instant.parse("2026-11-30T10:15:30Z"), next("rate(7 days)"));
    }

    @Test
    void cronExpressionsFireAtTheNextMatchingMinute() {
        assertEquals(Instant.parse("2026-11-23T10:16:00Z"), next("cron(* * * * ? *)"));
        assertEquals(Instant.parse("2026-11-24T03:00:00Z"), next("cron(0 3 * * ? *)"));
        assertEquals(Instant.parse("2026-11-23T10:20:00Z"), next("cron(0/10 * * * ? *)"));
        assertEquals(Instant.parse("2026-11-29T08:00:00Z"), next("cron(0 8 ? * SUN *)"), "SUN is day 1");
        assertEquals(Instant.parse("2026-11-28T08:00:00Z"), next("cron(0 8 ? * 7 *)"), "7 is Saturday");
        assertEquals(Instant.parse("2026-11-24T09:00:00Z"), next("cron(0 9 ? * MON-FRI *)"));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("cron(0 0 1 JAN ? *)"));
        assertEquals(Instant.parse("2028-02-29T12:30:00Z"), next("cron(30 12 29 2 ? 2028)"));
    }

    @Test
    void refusesWhatItCannotEvaluate() {
        assertThrows(IllegalArgumentException.class, () -> next("cron(0 8 L * ? *)"));
        assertThrows(IllegalArgumentException.class, () -> next("cron(0 8 * * 2#1 *)"));
        assertThrows(IllegalArgumentException.class, () -> next("cron(0 8 * * MON *)"), "one of the day fields must be ?");
        assertThrows(IllegalArgumentException.class, () -> next("rate(0 minutes)"));
        assertThrows(IllegalArgumentException.class, () -> next("every minute"));
    }
}
