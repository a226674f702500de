package io.seatpilot.core.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.kpi.KpiFact.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KpiRollupTest {

    private static final long T0 = 1_795_400_000_000L - 1_795_400_000_000L % 60_000;
    private static final long MINUTE = 60_000;
    private int ids;

    private KpiFact fact(Kind kind, long ts, String session, String guest) {
        return new KpiFact("e" + ids++, kind, ts, Optional.ofNullable(session), Optional.ofNullable(guest));
    }

    private KpiFact correlated(Kind kind, long ts, String session, String guest, String doorToSeatId) {
        return new KpiFact("e" + ids++, kind, ts, Optional.ofNullable(session), Optional.ofNullable(guest), Optional.of(doorToSeatId));
    }

    @Test
    void anArrivalCarryingADoorToSeatIdPairsWithTheCheckinCarryingItBeforeGuestOrSession() {
        List<KpiFact> facts = List.of(
                // g1 was scanned at 5 s and again (a duplicate at another door) at 20 s; the table device says its
                // arrival ends the second one's walk
                fact(Kind.CHECKIN_SUCCESS, T0 + 5_000, "door-a", "g1"),
                correlated(Kind.CHECKIN_SUCCESS, T0 + 20_000, "door-b", "g1", "d2s-1"),
                correlated(Kind.ARRIVE_TABLE, T0 + 45_000, "table", "g1", "d2s-1"),
                // an id no check-in carries: guest pairing as before (40 s after g2's check-in)
                fact(Kind.CHECKIN_SUCCESS, T0 + 10_000, "door-a", "g2"),
                correlated(Kind.ARRIVE_TABLE, T0 + 50_000, "table", "g2", "d2s-unknown"),
                // no guest, a session that does not match, but the id: still a pair (30 s)
                correlated(Kind.CHECKIN_SUCCESS, T0 + 12_000, "pwa-1", null, "d2s-3"),
                correlated(Kind.ARRIVE_TABLE, T0 + 42_000, "screen-9", null, "d2s-3"));

        LatencySketch walks = KpiRollup.minutes(facts, T0, T0 + MINUTE).getFirst().doorToSeat();

        assertEquals(3, walks.count());
        // 25 s (correlated, not the 40 s from the first scan), 30 s, 40 s: p50 is 30 s
        KpiSummary.Percentiles seconds = KpiSummary.of(KpiRollup.minutes(facts, T0, T0 + MINUTE).getFirst(), T0 + MINUTE).doorToSeat();
        assertEquals(30_000, seconds.p50(), 30_000 * LatencySketch.RELATIVE_ACCURACY);
        assertEquals(25_000, walks.quantile(0).getAsDouble(), 25_000 * LatencySketch.RELATIVE_ACCURACY);
    }

    @Test
    void scannerSuccessCountsScansAgainstScannerErrorsAndSearchNotFoundCountsSearches() {
        List<KpiFact> facts = new ArrayList<>(List.of(
                fact(Kind.CHECKIN_SUCCESS, T0 + 1_000, "k1", "g1"),
                fact(Kind.CHECKIN_SUCCESS, T0 + 2_000, "k1", "g2"),
                // a household of three let in by one scan: one success for the scanner, three check-ins
                new KpiFact("h1", Kind.CHECKIN_SUCCESS, T0 + 3_000, Optional.of("k2"), Optional.of("g3")),
                new KpiFact("h1#g4", Kind.CHECKIN_SUCCESS, T0 + 3_000, Optional.empty(), Optional.of("g4")),
                new KpiFact("h1#g5", Kind.CHECKIN_SUCCESS, T0 + 3_000, Optional.empty(), Optional.of("g5")),
                fact(Kind.CHECKIN_ERROR, T0 + 4_000, "k1", null),
                fact(Kind.SEARCH_FOUND, T0 + 5_000, "k1", null),
                fact(Kind.SEARCH_FOUND, T0 + 6_000, "k1", null),
                fact(Kind.SEARCH_FOUND, T0 + 7_000, "k1", null),
                fact(Kind.SEARCH_NOT_FOUND, T0 + 8_000, "k1", null)));

        KpiSummary summary = KpiSummary.of(KpiRollup.minutes(facts, T0, T0 + MINUTE).getFirst(), T0 + MINUTE);

        assertEquals(5, summary.checkins());
        assertEquals(75.0, summary.scannerSuccessPercent(), 1e-9, "3 successful scans, 1 error");
        assertEquals(25.0, summary.searchNotFoundPercent(), 1e-9, "1 of 4 searches found nobody");
        KpiSummary quiet = KpiSummary.of(KpiRollup.minutes(List.of(fact(Kind.QR_SCAN_START, T0, "k1", null)), T0, T0 + MINUTE)
                .getFirst(), T0 + MINUTE);
        assertEquals(null, quiet.scannerSuccessPercent(), "no scans: no figure, not 0 % or 100 %");
        assertEquals(null, quiet.searchNotFoundPercent());
    }

    @Test
    void scannerAndSearchCountsMergeAcrossMinutes() {
        KpiWindow first = KpiRollup.minutes(List.of(fact(Kind.CHECKIN_SUCCESS, T0, "k", "g1"),
                fact(Kind.SEARCH_NOT_FOUND, T0, "k", null)), T0, T0 + MINUTE).getFirst();
        KpiWindow second = KpiRollup.minutes(List.of(fact(Kind.CHECKIN_ERROR, T0 + MINUTE, "k", null),
                fact(Kind.SEARCH_FOUND, T0 + MINUTE, "k", null)), T0 + MINUTE, T0 + 2 * MINUTE).getFirst();
        KpiSummary both = KpiSummary.of(first.plus(second), T0 + 2 * MINUTE);
        assertEquals(50.0, both.scannerSuccessPercent(), 1e-9);
        assertEquals(50.0, both.searchNotFoundPercent(), 1e-9);
    }

    @Test
    void scanToRenderAndScanToSuccessPairWithinTheSameSessionAndTenSeconds() {
        List<KpiFact> facts = List.of(
                fact(Kind.QR_SCAN_START, T0 + 1_000, "s1", null),
                fact(Kind.UI_RENDER_DONE, T0 + 1_180, "s1", null),
                fact(Kind.CHECKIN_SUCCESS, T0 + 1_250, "s1", "g1"),
                // a render in another session never pairs with s1's scan
                fact(Kind.UI_RENDER_DONE, T0 + 1_300, "s2", null),
                // 10.001 s after its scan: too late to be the same interaction
                fact(Kind.QR_SCAN_START, T0 + 20_000, "s3", null),
                fact(Kind.UI_RENDER_DONE, T0 + 30_001, "s3", null),
                // a rescan in the same session: the latest scan start is the one the render answers
                fact(Kind.QR_SCAN_START, T0 + 40_000, "s4", null),
                fact(Kind.QR_SCAN_START, T0 + 45_000, "s4", null),
                fact(Kind.UI_RENDER_DONE, T0 + 45_400, "s4", null));

        List<KpiWindow> minutes = KpiRollup.minutes(facts, T0, T0 + MINUTE);

        assertEquals(1, minutes.size());
        KpiSummary summary = KpiSummary.of(minutes.getFirst(), T0 + MINUTE);
        assertEquals(2, summary.checkinUx().count());
        assertEquals(1, summary.checkinTx().count());
        assertEquals(250, summary.checkinTx().p50(), 250 * LatencySketch.RELATIVE_ACCURACY);
        assertEquals(1, summary.checkins());
    }

    @Test
    void doorToSeatUsesTheGuestsEarliestCheckinWithinAnHourAndLandsInTheMinuteOfArrival() {
        List<KpiFact> facts = List.of(
                fact(Kind.CHECKIN_SUCCESS, T0 + 5_000, "door-a", "g1"),
                // a second scan of g1 at another door (a duplicate): the first check-in is the one that counts
                fact(Kind.CHECKIN_SUCCESS, T0 + 50_000, "door-b", "g1"),
                fact(Kind.ARRIVE_TABLE, T0 + 3 * MINUTE + 5_000, "table", "g1"),
                // without a guest id the session ties arrival to check-in
                fact(Kind.CHECKIN_SUCCESS, T0 + 10_000, "pwa-7", null),
                fact(Kind.ARRIVE_TABLE, T0 + 3 * MINUTE + 10_000, "pwa-7", null),
                // checked in more than 60 min before: no pair, but still an arrival
                fact(Kind.CHECKIN_SUCCESS, T0 - 61 * MINUTE, "door-a", "g2"),
                fact(Kind.ARRIVE_TABLE, T0 + 3 * MINUTE + 20_000, "table", "g2"));

        List<KpiWindow> minutes = KpiRollup.minutes(facts, T0, T0 + 5 * MINUTE);

        assertEquals(List.of(T0, T0 + 3 * MINUTE), minutes.stream().map(KpiWindow::fromMs).toList());
        KpiWindow arrivals = minutes.get(1);
        assertEquals(3, arrivals.tableArrivals());
        assertEquals(2, arrivals.doorToSeat().count());
        assertEquals(3 * MINUTE, arrivals.doorToSeat().quantile(0.0).orElseThrow(), 3 * MINUTE * LatencySketch.RELATIVE_ACCURACY);
        assertEquals(3, minutes.getFirst().checkins(), "the check-in 61 min before the range is outside it");
    }

    @Test
    void minutesMergedIntoAnHourEqualTheRollupOfTheHourAtOnce() {
        List<KpiFact> facts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long start = T0 + i * 6_000L;
            String session = "s" + i;
            facts.add(fact(Kind.QR_SCAN_START, start, session, null));
            facts.add(fact(Kind.UI_RENDER_DONE, start + 100 + (i * 37) % 900, session, null));
            facts.add(fact(Kind.CHECKIN_SUCCESS, start + 200 + (i * 53) % 1_500, session, "g" + i));
        }
        List<KpiWindow> minutes = KpiRollup.minutes(facts, T0, T0 + 60 * MINUTE);
        KpiWindow hour = minutes.stream().reduce(KpiWindow::plus).orElseThrow();

        assertEquals(60, minutes.size());
        assertEquals(600, hour.checkins());
        assertEquals(600, hour.uxLatency().count());
        double[] ux = facts.stream().filter(f -> f.kind() == Kind.UI_RENDER_DONE).mapToDouble(f -> f.tsMs() % 6_000).sorted().toArray();
        double exactP95 = ux[(int) Math.floor(0.95 * (ux.length - 1))];
        assertTrue(Math.abs(hour.uxLatency().quantile(0.95).orElseThrow() - exactP95) <= exactP95 * LatencySketch.RELATIVE_ACCURACY);
        assertEquals(T0, hour.fromMs());
        assertEquals(T0 + 60 * MINUTE, hour.toMs());
    }

    @Test
    void stalenessIsTheAgeOfTheNewestIncludedFact() {
        List<KpiWindow> minutes = KpiRollup.minutes(List.of(fact(Kind.QR_SCAN_START, T0 + 2_000, "s", null),
                fact(Kind.CHECKIN_SUCCESS, T0 + 7_000, "s", "g")), T0, T0 + MINUTE);
        assertEquals(33, KpiSummary.of(minutes.getFirst(), T0 + 40_000).stalenessSeconds());
        assertEquals(null, KpiSummary.of(KpiWindow.empty(T0, T0 + MINUTE), T0).stalenessSeconds());
    }
}
