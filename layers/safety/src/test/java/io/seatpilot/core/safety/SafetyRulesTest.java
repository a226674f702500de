package io.seatpilot.core.safety;

import static io.seatpilot.core.safety.SafetyFixture.EVENT;
import static io.seatpilot.core.safety.SafetyFixture.OTHER_TENANT;
import static io.seatpilot.core.safety.SafetyFixture.T0;
import static io.seatpilot.core.safety.SafetyFixture.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.paging.OnCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §9's alert, evacuation, exit and roll-call rules over in-memory stores. */
class SafetyRulesTest {

    private static final String OPERATOR = "user:op-1";

    private final SafetyFixture f = new SafetyFixture();

    private Alert raise(AlertLevel level, String requestId) {
        return f.safety.raise(TENANT, EVENT, new AlertRequest(level, null, "Smoke near the stage", null, null, requestId, null),
                OPERATOR, "user");
    }

    private static void assertRefused(Reason reason, Runnable call) {
        ApiException refused = assertThrows(ApiException.class, call::run);
        assertEquals(reason.code(), refused.problem().reason());
    }

    // ---------- alerts ----------

    @Test
    void anAlertIsStoredAuditedScheduledForEscalationAndPushedAndItsRetryRaisesNoSecondOne() {
        Alert alert = f.safety.raise(TENANT, EVENT, new AlertRequest(AlertLevel.ALERT, "A", "Spill at the bar", null, null,
                "0b7c9a52-3f1e-4c55-9d7a-2b1f0e6c4d11", null), OPERATOR, "user");

        assertEquals("req-0b7c9a52-3f1e-4c55-9d7a-2b1f0e6c4d11", alert.alertId());
        assertEquals("za", alert.zone(), "the zone's letter is stored as its id");
        assertEquals(List.of("alert_raised"), f.audit.actions(TENANT, EVENT));
        assertEquals(List.of(new Escalations.Due(TENANT, EVENT, alert.alertId())), f.escalations.scheduled);
        assertEquals(List.of(), f.escalations.pagedNow, "only an EVAC pages at once");
        assertEquals(1, f.live.ofType("alert").size());

        f.clock.advance(3_000);
        Alert retried = f.safety.raise(TENANT, EVENT, new AlertRequest(AlertLevel.ALERT, "A", "Spill at the bar", null, null,
                "0b7c9a52-3f1e-4c55-9d7a-2b1f0e6c4d11", null), OPERATOR, "user");

        assertEquals(alert, retried, "the retry finds the alert its lost answer raised");
        assertEquals(1, f.alerts.all(TENANT, EVENT).size());
        assertEquals(List.of("alert_raised"), f.audit.actions(TENANT, EVENT), "the retry finds the audit entry written");
        assertEquals(List.of(), f.safety.openAlerts(OTHER_TENANT, EVENT), "another tenant's event sees none of it");
    }

    @Test
    void theFirstAcknowledgementCountsARepeatAnswersItAndTheEscalationThenDoesNothing() {
        Alert alert = raise(AlertLevel.ALERT, null);
        f.clock.advance(5_000);

        Safety.Ack first = f.safety.acknowledge(TENANT, EVENT, alert.alertId(), OPERATOR);
        f.clock.advance(1_000);
        Safety.Ack second = f.safety.acknowledge(TENANT, EVENT, alert.alertId(), "user:op-2");

        assertInstanceOf(Safety.Ack.Acknowledged.class, first);
        assertEquals(T0 + 5_000, first.alert().ackedAt());
        assertInstanceOf(Safety.Ack.AlreadyAcknowledged.class, second);
        assertEquals(OPERATOR, second.alert().ackedBy(), "the first acknowledgement is kept");
        assertEquals(List.of("alert_raised", "alert_acked"), f.audit.actions(TENANT, EVENT));
        assertEquals(1, f.live.ofType("alert_ack").size());

        f.clock.advance(60_000);
        assertFalse(f.safety.escalate(f.escalations.scheduled.getFirst()));
        assertEquals(List.of(), f.pager.sent);
    }

    @Test
    void anAcknowledgementOfNoSuchAlertOrAnotherTenantsIsNotFoundAndAClearNeedsNone() {
        Alert alert = raise(AlertLevel.ALERT, null);
        assertRefused(Reason.NOT_FOUND, () -> f.safety.acknowledge(TENANT, EVENT, "no-such-alert", OPERATOR));
        assertRefused(Reason.NOT_FOUND, () -> f.safety.acknowledge(OTHER_TENANT, EVENT, alert.alertId(), OPERATOR));
        Alert clear = raise(AlertLevel.CLEAR, null);
        assertRefused(Reason.VALIDATION_FAILED, () -> f.safety.acknowledge(TENANT, EVENT, clear.alertId(), OPERATOR));
        assertRefused(Reason.VALIDATION_FAILED, () -> f.safety.acknowledge(TENANT, EVENT, alert.alertId(), OPERATOR));
    }

    @Test
    void anUnacknowledgedAlertEscalatesOnceAndARedeliveredCheckDoesNothing() {
        Alert alert = raise(AlertLevel.ALERT, null);
        f.clock.advance(60_000);
        Escalations.Due due = f.escalations.scheduled.getFirst();

        assertTrue(f.safety.escalate(due));
        assertFalse(f.safety.escalate(due));

        assertEquals(1, f.pager.sent.size());
        assertEquals(OnCall.Step.ESCALATION, f.pager.sent.getFirst().step());
        assertEquals(alert.alertId(), f.pager.sent.getFirst().page().alertId());
        List<RecordingLive.Pushed> pushes = f.live.ofType("alert");
        assertEquals(2, pushes.size(), "the raise, then the escalation");
        assertEquals(true, pushes.get(1).data().get("escalated"));
        assertEquals(T0 + 60_000, f.alerts.find(TENANT, EVENT, alert.alertId()).orElseThrow().escalatedAt());
        assertEquals(List.of("alert_raised", "alert_escalated"), f.audit.actions(TENANT, EVENT));
    }

    @Test
    void anEscalationWhosePushFailedIsFinishedByTheRedeliveryWithoutASecondPage() {
        raise(AlertLevel.ALERT, null);
        f.clock.advance(60_000);
        Escalations.Due due = f.escalations.scheduled.getFirst();
        f.live.failing = true;

        assertThrows(IllegalStateException.class, () -> f.safety.escalate(due), "the message must come back");
        f.live.failing = false;
        assertTrue(f.safety.escalate(due), "the redelivery pushes what the first delivery could not");
        assertFalse(f.safety.escalate(due));

        assertEquals(1, f.pager.sent.size(), "paged once, by the first delivery");
        assertEquals(2, f.live.ofType("alert").size());
    }

    // ---------- evacuation ----------

    @Test
    void anEvacStartsOneEvacuationPagesOnceAndAClearEndsItOnce() {
        Alert evac = raise(AlertLevel.EVAC, null);
        f.clock.advance(10_000);
        Alert second = raise(AlertLevel.EVAC, null);

        AlertLedger.Evacuation running = f.alerts.evacuation(TENANT, EVENT).orElseThrow();
        assertEquals(evac.alertId(), running.id(), "a second EVAC belongs to the running evacuation");
        assertTrue(running.active());
        assertEquals(evac.alertId(), f.live.ofType("alert").getFirst().data().get("evacuation_id"));
        assertEquals(true, f.live.ofType("muster").getFirst().data().get("roll_call"),
                "the roll call follows the alarm that started the evacuation");
        assertEquals(1, f.live.ofType("muster").size(), "only the first EVAC started one");

        List<Escalations.Due> pages = f.escalations.pagedNow;
        assertEquals(List.of(new Escalations.Due(TENANT, EVENT, evac.alertId(), Escalations.Kind.EVACUATION_PAGE),
                new Escalations.Due(TENANT, EVENT, second.alertId(), Escalations.Kind.EVACUATION_PAGE)), pages);
        assertTrue(f.safety.escalate(pages.getFirst()));
        assertFalse(f.safety.escalate(pages.getFirst()), "a redelivered page message finds it claimed");
        assertEquals(OnCall.Step.EVACUATION, f.pager.sent.getFirst().step());

        f.clock.advance(600_000);
        raise(AlertLevel.CLEAR, null);

        assertEquals(List.of(), f.safety.openAlerts(TENANT, EVENT));
        AlertLedger.Evacuation ended = f.alerts.evacuation(TENANT, EVENT).orElseThrow();
        assertEquals(T0 + 610_000, ended.clearedAt());
        assertEquals(List.of(evac.alertId(), second.alertId()), f.live.ofType("alert").getLast().data().get("cleared"));

        f.clock.advance(1_000);
        raise(AlertLevel.CLEAR, null);
        assertEquals(List.of(), f.live.ofType("alert").getLast().data().get("cleared"));
        assertEquals(1, f.audit.actions(TENANT, EVENT).stream().filter("evac_cleared"::equals).count(),
                "the second all-clear ends nothing");
        assertEquals(T0 + 610_000, f.alerts.evacuation(TENANT, EVENT).orElseThrow().clearedAt());
    }

    // ---------- exits ----------

    @Test
    void anExitReportChangesEgressOnceAndOnlyANewerDifferentReportChangesItAgain() {
        assertEquals(1.0, f.safety.egress(TENANT, EVENT).readiness(), "north is open by set-up, south by default");

        Safety.ExitChange blocked = f.safety.updateExit(TENANT, EVENT, "north", ExitStatus.BLOCKED, T0 + 1_000, OPERATOR);

        assertTrue(blocked.changed());
        assertEquals(0.5, blocked.egress().readiness());
        assertTrue(blocked.alert().isEmpty(), "no evacuation runs: a blocked exit raises nothing");
        assertEquals("OPEN", f.audit.entries(TENANT, EVENT).getFirst().details().get("previous"));
        assertEquals("BLOCKED", f.live.ofType("exit").getFirst().data().get("status"));

        assertFalse(f.safety.updateExit(TENANT, EVENT, "north", ExitStatus.BLOCKED, T0 + 2_000, OPERATOR).changed(),
                "the same status again");
        assertFalse(f.safety.updateExit(TENANT, EVENT, "north", ExitStatus.OPEN, T0 + 500, "device:k1").changed(),
                "an offline report older than the stored one");
        assertEquals(ExitStatus.BLOCKED, f.safety.egress(TENANT, EVENT).exits().getFirst().status());
        assertEquals(1, f.live.ofType("exit").size());

        Safety.ExitChange reopened = f.safety.updateExit(TENANT, EVENT, "north", ExitStatus.OPEN, T0 + 3_000, OPERATOR);
        assertTrue(reopened.changed());
        assertEquals(1.0, reopened.egress().readiness());
        assertRefused(Reason.NOT_FOUND, () -> f.safety.updateExit(TENANT, EVENT, "west", ExitStatus.OPEN, T0, OPERATOR));
    }

    @Test
    void anExitBlockedDuringAnEvacuationRaisesAHighAlert() {
        raise(AlertLevel.EVAC, null);
        f.clock.advance(1_000);

        Safety.ExitChange change = f.safety.updateExit(TENANT, EVENT, "south", ExitStatus.BLOCKED, f.clock.millis(), OPERATOR);

        Alert alert = change.alert().orElseThrow();
        assertEquals("Exit south blocked during evacuation", alert.message());
        assertEquals("high", alert.severity());
        assertEquals("exit", alert.source());
        assertEquals(AlertLevel.ALERT, alert.level());
    }

    // ---------- roll call ----------

    @Test
    void theRollCallCountsGuestsInsideAgainstThoseSafeAndListsTheRestPmrFirst() {
        f.attendance.checkIn(TENANT, EVENT, "g-ana").checkIn(TENANT, EVENT, "g-bruno").checkIn(TENANT, EVENT, "g-carla")
                .checkIn(TENANT, EVENT, "g-diego").checkOut(TENANT, EVENT, "g-diego");
        Alert evac = raise(AlertLevel.EVAC, null);

        Safety.RollCall before = f.safety.rollCall(TENANT, EVENT);
        assertEquals(evac.alertId(), before.evacuationId());
        assertEquals(3, before.inside(), "Diego checked out: he is not looked for");
        assertEquals(0, before.safe());
        assertEquals(List.of("g-bruno", "g-ana", "g-carla"), ids(before),
                "pmr first, then by zone (unplaced last)");
        Safety.RollEntry ana = before.unaccounted().get(1);
        assertEquals(new Safety.RollEntry("g-ana", "Ana", "L.", "1", "A", false), ana);

        f.clock.advance(30_000);
        Safety.MusterResult first = f.safety.muster(TENANT, EVENT, "car-park", "g-ana", f.clock.millis(), OPERATOR);
        f.clock.advance(5_000);
        Safety.MusterResult repeat = f.safety.muster(TENANT, EVENT, "car-park", "g-ana", f.clock.millis(), "device:k2");
        Safety.MusterResult withoutScan = f.safety.muster(TENANT, EVENT, "car-park", "g-diego", f.clock.millis(), OPERATOR);

        assertTrue(first.recorded());
        assertFalse(repeat.recorded());
        assertEquals(T0 + 30_000, repeat.mustered().at(), "the first report is kept");
        assertTrue(withoutScan.recorded());
        Safety.RollCall after = f.safety.rollCall(TENANT, EVENT);
        assertEquals(3, after.inside());
        assertEquals(2, after.safe(), "a guest seen at a muster point without a door scan counts as safe");
        assertEquals(Map.of("car-park", 2), after.perPoint());
        assertEquals(List.of("g-bruno", "g-carla"), ids(after));
        assertTrue(f.directory.freshReads() > 0, "the roll call reads the plan now, not the door's cached one");
        assertEquals(2, f.audit.actions(TENANT, EVENT).stream().filter("muster_checkin"::equals).count());
    }

    @Test
    void aMusterReportNeedsAnEvacuationAtItsTimeAKnownPointAndAKnownGuest() {
        assertRefused(Reason.VALIDATION_FAILED, () -> f.safety.muster(TENANT, EVENT, "car-park", "g-ana", T0, OPERATOR));
        raise(AlertLevel.EVAC, null);
        f.clock.advance(60_000);
        raise(AlertLevel.CLEAR, null);

        assertRefused(Reason.NOT_FOUND, () -> f.safety.muster(TENANT, EVENT, "roof", "g-ana", T0 + 1_000, OPERATOR));
        assertRefused(Reason.NOT_FOUND, () -> f.safety.muster(TENANT, EVENT, "car-park", "g-nobody", T0 + 1_000, OPERATOR));
        assertRefused(Reason.VALIDATION_FAILED,
                () -> f.safety.muster(TENANT, EVENT, "car-park", "g-ana", T0 + 61_000, OPERATOR));
        assertTrue(f.safety.muster(TENANT, EVENT, "car-park", "g-ana", T0 + 1_000, "device:k1").recorded(),
                "an offline report from while the evacuation ran counts after the all-clear");
    }

    @Test
    void aMusterReportRetriedAfterItsAuditEntryFailedCompletesTheEntryOfTheFirstReport() {
        raise(AlertLevel.EVAC, null);
        f.clock.advance(30_000);
        f.audit.failing = true;
        assertThrows(IllegalStateException.class,
                () -> f.safety.muster(TENANT, EVENT, "car-park", "g-ana", T0 + 20_000, "device:k1"));
        f.audit.failing = false;

        Safety.MusterResult retried = f.safety.muster(TENANT, EVENT, "car-park", "g-ana", T0 + 25_000, "device:k2");
        f.safety.muster(TENANT, EVENT, "car-park", "g-ana", T0 + 28_000, "device:k3");

        assertFalse(retried.recorded(), "the first attempt stored the guest safe");
        List<io.seatpilot.core.audit.AuditLog.Entry> entries = f.audit.entries(TENANT, EVENT).stream()
                .filter(e -> e.action().equals("muster_checkin")).toList();
        assertEquals(1, entries.size(), "written once, by the first repeat");
        assertEquals("device:k1", entries.getFirst().actor(), "the first report's, not the retry's");
        assertEquals(T0 + 20_000, entries.getFirst().at());
    }

    // ---------- stops (SPEC §16): each stop has its own door, so its own people inside ----------

    private static final String RECEPTION = io.seatpilot.core.checkin.StopDoor.laterStopLedger(EVENT, "reception");

    /** A wedding: a ceremony without seating from T0 − 2 h, then the reception (seated) from T0 − 1 h, in progress at T0. */
    private void wedding() {
        f.withStops(new io.seatpilot.core.event.EventDefinition.Stop("ceremony", "Ceremonia", T0 - 7_200_000, null, null, false),
                new io.seatpilot.core.event.EventDefinition.Stop("reception", "Banquete", T0 - 3_600_000, null, null));
        // everyone came to the ceremony; Ana and Bruno went on to the reception, Diego too but stepped out
        f.attendance.checkIn(TENANT, EVENT, "g-ana").checkIn(TENANT, EVENT, "g-bruno").checkIn(TENANT, EVENT, "g-carla")
                .checkIn(TENANT, EVENT, "g-diego");
        f.attendance.checkIn(TENANT, RECEPTION, "g-ana").checkIn(TENANT, RECEPTION, "g-bruno")
                .checkIn(TENANT, RECEPTION, "g-diego").checkOut(TENANT, RECEPTION, "g-diego");
    }

    @Test
    void anEvacuationDuringTheReceptionCallsTheRollOfThoseCheckedInAtTheReceptionNotAtTheCeremony() {
        wedding();
        Alert evac = raise(AlertLevel.EVAC, null);

        assertEquals("reception", evac.stop(), "raised without a stop: the stop in progress");
        assertEquals("reception", f.alerts.evacuation(TENANT, EVENT).orElseThrow().stop());
        assertEquals("reception", f.live.ofType("alert").getFirst().data().get("stop"));
        Safety.RollCall roll = f.safety.rollCall(TENANT, EVENT);
        assertEquals("reception", roll.stop());
        assertEquals(2, roll.inside(), "Carla was only at the ceremony, Diego stepped out of the reception");
        assertEquals(List.of("g-bruno", "g-ana"), ids(roll));
        assertEquals(new Safety.RollEntry("g-ana", "Ana", "L.", "1", "A", false), roll.unaccounted().get(1),
                "the reception is seated: stewards look for Ana at her table");
        Map<?, ?> page = f.live.ofType("muster").getFirst().data();
        assertEquals("reception", page.get("stop"));
        assertEquals(2, page.get("inside"));

        f.clock.advance(20_000);
        assertEquals("reception", f.safety.muster(TENANT, EVENT, "car-park", "g-ana", f.clock.millis(), OPERATOR).stop());
        assertEquals("reception", f.live.ofType("muster").getLast().data().get("stop"));
        assertEquals(List.of("g-bruno"), ids(f.safety.rollCall(TENANT, EVENT)));
        assertEquals("reception", f.audit.entries(TENANT, EVENT).getLast().details().get("stop"));

        // an exit blocked meanwhile is an alert of the evacuation's stop
        Alert blocked = f.safety.updateExit(TENANT, EVENT, "north", ExitStatus.BLOCKED, f.clock.millis(), OPERATOR).alert().orElseThrow();
        assertEquals("reception", blocked.stop());
        assertEquals("reception", f.safety.openAlerts(TENANT, EVENT).getLast().toData().get("stop"));

        // whoever the evacuation wakes is told where to go, by the stop's name
        assertTrue(f.safety.escalate(f.escalations.pagedNow.getFirst()));
        assertEquals("Banquete", f.pager.sent.getFirst().page().stop());
    }

    @Test
    void anAlertMayNameItsStopAndAnUnknownStopIsRefused() {
        wedding();
        Alert evac = f.safety.raise(TENANT, EVENT, new AlertRequest(AlertLevel.EVAC, null, "Evacuate the chapel", null, null,
                null, "ceremony"), OPERATOR, "user");

        assertEquals(null, evac.stop(), "the first stop is named by no stop, as before stops");
        assertFalse(f.live.ofType("alert").getFirst().data().containsKey("stop"));
        assertFalse(f.live.ofType("muster").getFirst().data().containsKey("stop"));
        Safety.RollCall roll = f.safety.rollCall(TENANT, EVENT);
        assertEquals(null, roll.stop());
        assertEquals(4, roll.inside(), "everyone checked in at the ceremony");
        assertEquals(new Safety.RollEntry("g-ana", "Ana", "L.", null, null, false),
                roll.unaccounted().stream().filter(e -> e.guestId().equals("g-ana")).findFirst().orElseThrow(),
                "the ceremony has no seating: no table to look for Ana at");

        ApiException refused = assertThrows(ApiException.class, () -> f.safety.raise(TENANT, EVENT,
                new AlertRequest(AlertLevel.ALERT, null, "Smoke", null, null, null, "dinner"), OPERATOR, "user"));
        assertEquals(Reason.VALIDATION_FAILED.code(), refused.problem().reason());
        assertEquals("stop_id", refused.problem().field());
        assertEquals(1, f.alerts.all(TENANT, EVENT).size(), "nothing stored for the refused alert");
    }

    @Test
    void aDevicesEmergencyToneIsForTheStopInProgressAtTheTonesTime() {
        wedding();
        Alert tone = f.safety.raiseFromDevice(TENANT, EVENT, AlertLevel.EVAC, null, "3f0e8a52-1c2d-4e5f-9a8b-7c6d5e4f3a2b",
                T0 - 3_600_001, "device:k1");
        assertEquals(null, tone.stop(), "uploaded late, but sounded while the ceremony was in progress");
        assertEquals(4, f.safety.rollCall(TENANT, EVENT).inside());
    }

    @Test
    void beforeTheReceptionStartsAnAlertIsTheCeremonysAndAnEventWithoutStopsNamesNone() {
        wedding();
        f.clock.advance(-3_600_001); // back to just before the reception starts
        assertEquals(null, raise(AlertLevel.ALERT, null).stop(), "the ceremony is still in progress");

        SafetyFixture plain = new SafetyFixture();
        plain.safety.raise(TENANT, EVENT, new AlertRequest(AlertLevel.EVAC, null, "Smoke", null, null), OPERATOR, "user");
        assertFalse(plain.live.ofType("alert").getFirst().data().containsKey("stop"));
        assertFalse(plain.live.ofType("muster").getFirst().data().containsKey("stop"));
        assertEquals(null, plain.alerts.evacuation(TENANT, EVENT).orElseThrow().stop());
    }

    private static List<String> ids(Safety.RollCall roll) {
        return roll.unaccounted().stream().map(Safety.RollEntry::guestId).toList();
    }
}
