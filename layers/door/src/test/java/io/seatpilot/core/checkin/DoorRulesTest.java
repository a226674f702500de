package io.seatpilot.core.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.event.Pass;
import io.seatpilot.core.checkin.DoorRefusal.Kind;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.Household;
import io.seatpilot.core.event.TableLayout;
import io.seatpilot.core.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The door's rules (SPEC §7, §17) over in-memory stores: arbitration between kiosks online and offline, replays,
 * undo and its window, households checking in member by member, and guests of other events and tenants. The
 * expected answers are SPEC §7's: 201 Created, 200 Repeated, 409 already_checked_in with the check-in that
 * counts, 403 not_invited, 404 pass_unknown / not_found, 422 undo_window_passed.
 */
class DoorRulesTest {

    private static final String TENANT = "t-acme";
    private static final String OTHER_TENANT = "t-rival";
    private static final String EVENT = "gala";
    private static final long T0 = 1_780_000_000_000L;

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final InMemoryEvents events = new InMemoryEvents();
    private final DoorRules rules = new DoorRules(events, events, events, ledger, ledger, clock);

    private final Actor kioskA = new Actor(TENANT, "kiosk-a", "key-a", "kiosk", false);
    private final Actor kioskB = new Actor(TENANT, "kiosk-b", "key-b", "kiosk", false);
    private final Actor ops = new Actor(TENANT, "user:ops-1", null, "ops", true);
    private final Actor offlineKiosk = Actor.uploader(TENANT, "kiosk-c", "key-c");

    DoorRulesTest() {
        var definition = new EventDefinition("Gala", "gala", null, null,
                List.of(new EventDefinition.Zone("zb", "Hall", "B", "blue", null)), List.of(), List.of());
        var table = new TableLayout("t12", "B-12", "zb", 10, "round", Set.of(), null, null, List.of());
        events.event(TENANT, new EventContext(EVENT, definition, Map.of("t12", table), Map.of()))
                .event(TENANT, new EventContext("brunch", definition, Map.of(), Map.of()))
                .guest(TENANT, EVENT, guest("g-ana", "Ana", null, Guest.Rsvp.CONFIRMED))
                .guest(TENANT, EVENT, guest("g-bea", "Bea", "h-roy", Guest.Rsvp.CONFIRMED))
                .guest(TENANT, EVENT, guest("g-carl", "Carl", "h-roy", Guest.Rsvp.CONFIRMED))
                .guest(TENANT, EVENT, guest("g-dora", "Dora", "h-roy", Guest.Rsvp.CONFIRMED))
                .guest(TENANT, EVENT, guest("g-eve", "Eve", null, Guest.Rsvp.DECLINED))
                .household(TENANT, EVENT, new Household("h-roy", "Roy", List.of(
                        new Household.Member("g-bea", "Bea", false), new Household.Member("g-carl", "Carl", false),
                        new Household.Member("g-dora", "Dora", false))))
                .pass(TENANT, "pass-ana", new Pass(EVENT, "g-ana", null, null, T0))
                .pass(TENANT, "pass-roy", new Pass(EVENT, null, "h-roy", null, T0))
                .guest(TENANT, "brunch", guest("g-finn", "Finn", null, Guest.Rsvp.CONFIRMED))
                .pass(TENANT, "pass-finn", new Pass("brunch", "g-finn", null, null, T0))
                // another tenant with an event of the same id and a guest of the same id
                .event(OTHER_TENANT, new EventContext(EVENT, definition, Map.of(), Map.of()))
                .guest(OTHER_TENANT, EVENT, guest("g-ana", "Anna", null, Guest.Rsvp.CONFIRMED))
                .pass(OTHER_TENANT, "pass-anna", new Pass(EVENT, "g-ana", null, null, T0));
    }

    // ---------- arbitration ----------

    @Test
    void twoKiosksScanningOneGuestOnline_theFirstCountsAndTheSecondIsToldWhich() {
        var first = rules.checkIn(kioskA, scan("pass-ana", T0), true);
        clock.advance(2_000);
        var second = rules.checkIn(kioskB, scan("pass-ana", T0 + 1_500), true);

        DoorCard card = (DoorCard) assertInstanceOf(CheckinResult.Created.class, first).answer();
        assertEquals("B-12", card.tableLabel());
        var refused = assertInstanceOf(CheckinResult.AlreadyCheckedIn.class, second);
        assertEquals(new FirstCheckin(card.checkinId(), T0, "kiosk-a"), refused.first());
        assertEquals(new InMemoryLedger.Counts(1, 0, 0, Map.of("zb", 1L)), ledger.counts(TENANT, EVENT));
        assertTrue(ledger.conflicts(TENANT, EVENT).isEmpty(), "online, the loser is answered 409, not kept as a conflict");
    }

    @Test
    void twoKiosksRacingForOneGuest_theConditionDecidesAndTheGuestIsCountedOnce() {
        var second = new Object() {
            CheckinResult result;
        };
        // kiosk B's scan lands between kiosk A's reads and its claim
        ledger.beforeNextWrite(() -> second.result = rules.checkIn(kioskB, scan("pass-ana", T0 + 10), true));
        var first = rules.checkIn(kioskA, scan("pass-ana", T0), true);

        assertInstanceOf(CheckinResult.Created.class, second.result);
        var refused = assertInstanceOf(CheckinResult.AlreadyCheckedIn.class, first);
        assertEquals("kiosk-b", refused.first().deviceId(), "online, the first to reach the server counts");
        assertEquals(1, ledger.counts(TENANT, EVENT).checkedIn());
    }

    @Test
    void anOfflineScanEarlierThanTheOnlineOneTakesTheCheckInOverWhenItArrivesLater() {
        CheckinRequest online = scan("pass-ana", T0 + 60_000);
        rules.checkIn(kioskA, online, true);
        clock.advance(300_000);
        CheckinRequest offline = scan("pass-ana", T0);

        var result = rules.checkIn(offlineKiosk, offline, false);

        DoorCard card = (DoorCard) assertInstanceOf(CheckinResult.Created.class, result).answer();
        assertEquals(offline.checkinId(), card.checkinId());
        assertEquals(new FirstCheckin(offline.checkinId(), T0, "kiosk-c"),
                rules.counting(TENANT, EVENT, "g-ana").get("g-ana"), "earliest scan wins");
        var conflict = ledger.conflicts(TENANT, EVENT).getFirst();
        assertEquals("superseded", conflict.kind());
        assertEquals(online.checkinId(), conflict.loser().checkinId());
        assertEquals(new InMemoryLedger.Counts(1, 0, 0, Map.of("zb", 1L)), ledger.counts(TENANT, EVENT), "counted once");
    }

    @Test
    void anOfflineScanLaterThanTheOneThatCountsIsKeptAsADuplicate() {
        CheckinRequest counting = scan("pass-ana", T0);
        rules.checkIn(kioskA, counting, true);
        CheckinRequest later = scan("pass-ana", T0 + 30_000);

        var result = rules.checkIn(offlineKiosk, later, false);

        assertEquals(new FirstCheckin(counting.checkinId(), T0, "kiosk-a"),
                assertInstanceOf(CheckinResult.AlreadyCheckedIn.class, result).first());
        var conflict = ledger.conflicts(TENANT, EVENT).getFirst();
        assertEquals("duplicate", conflict.kind());
        assertEquals(later.checkinId(), conflict.loser().checkinId());
        assertEquals(counting.checkinId(), conflict.winner().checkinId());
        assertEquals(1, ledger.counts(TENANT, EVENT).checkedIn());
    }

    @Test
    void anOnlineScanAfterAnEarlierOfflineOneIsRefusedOnline() {
        CheckinRequest offline = scan("pass-ana", T0);
        rules.checkIn(offlineKiosk, offline, false);

        var result = rules.checkIn(kioskA, scan("pass-ana", T0 + 5_000), true);

        assertEquals(offline.checkinId(), assertInstanceOf(CheckinResult.AlreadyCheckedIn.class, result).first().checkinId());
    }

    @Test
    void anEvenEarlierScanLandingMidArbitrationWins_andTheLaterUploadBecomesADuplicate() {
        rules.checkIn(kioskA, scan("pass-ana", T0 + 60_000), true);
        CheckinRequest earliest = scan("pass-ana", T0);
        // while the upload scanned at T0+30s arbitrates against the online one, the upload scanned at T0 lands
        ledger.beforeNextWrite(() -> rules.checkIn(offlineKiosk, earliest, false));

        var result = rules.checkIn(offlineKiosk, scan("pass-ana", T0 + 30_000), false);

        assertEquals(earliest.checkinId(), assertInstanceOf(CheckinResult.AlreadyCheckedIn.class, result).first().checkinId());
        assertEquals(earliest.checkinId(), ledger.state(TENANT, EVENT, "g-ana").orElseThrow().checkinId());
        assertEquals(List.of("superseded", "duplicate"),
                ledger.conflicts(TENANT, EVENT).stream().map(InMemoryLedger.Conflict::kind).toList());
        assertEquals(1, ledger.counts(TENANT, EVENT).checkedIn());
    }

    // ---------- replays ----------

    @Test
    void theSameScanReplayedOnlineIsRepeatedWithTheSameAnswer() {
        CheckinRequest request = scan("pass-ana", T0);
        var first = rules.checkIn(kioskA, request, true);
        clock.advance(1_000);
        var again = rules.checkIn(kioskA, request, true);

        Object answer = assertInstanceOf(CheckinResult.Created.class, first).answer();
        assertEquals(Json.write(answer), Json.write(assertInstanceOf(CheckinResult.Repeated.class, again).answer()));
        assertEquals(1, ledger.counts(TENANT, EVENT).checkedIn());
        assertEquals(1, ledger.audit().size(), "one audit entry per check-in, however often it is sent");
    }

    @Test
    void theSameUploadReplayedByTheWorkerChangesNothing() {
        CheckinRequest upload = scan("pass-ana", T0);
        rules.checkIn(offlineKiosk, upload, false);
        var again = rules.checkIn(offlineKiosk, upload, false);

        assertInstanceOf(CheckinResult.Repeated.class, again);
        assertEquals(1, ledger.counts(TENANT, EVENT).checkedIn());
        assertTrue(ledger.conflicts(TENANT, EVENT).isEmpty());
    }

    // ---------- undo ----------

    @Test
    void undoThenRescan_theUndoneIdStaysUndoneAndANewScanCountsAgain() {
        CheckinRequest request = scan("pass-ana", T0);
        rules.checkIn(kioskA, request, true);
        clock.advance(5 * 60_000);

        var undone = rules.undo(kioskA, EVENT, request.checkinId(), clock.millis(), true);
        assertEquals(new Checkins.Undone(request.checkinId(), List.of("g-ana"), clock.millis(), false), undone);
        assertEquals(new InMemoryLedger.Counts(0, 0, 0, Map.of()), ledger.counts(TENANT, EVENT));
        assertTrue(rules.undo(kioskA, EVENT, request.checkinId(), clock.millis(), true).repeated(), "an undo repeated");

        assertRefused(Kind.VALIDATION_FAILED, "checkin_id", () -> rules.checkIn(kioskA, request, true));
        var rescan = rules.checkIn(kioskA, scan("pass-ana", clock.millis()), true);

        assertInstanceOf(CheckinResult.Created.class, rescan);
        assertEquals(1, ledger.counts(TENANT, EVENT).checkedIn());
    }

    @Test
    void undoIsAllowedFor15MinutesOfTheServersClockAndRefusedAfter() {
        CheckinRequest late = scan("pass-ana", T0);
        rules.checkIn(kioskA, late, true);
        CheckinRequest inTime = scan("pass-finn", T0, "brunch");
        rules.checkIn(kioskA, inTime, true);

        long edge = T0 + DoorRules.UNDO_WINDOW_MILLIS;
        assertFalse(rules.undo(kioskA, "brunch", inTime.checkinId(), edge, true).repeated(), "15 minutes exactly is within");
        assertRefused(Kind.UNDO_WINDOW_PASSED, null, () -> rules.undo(kioskA, EVENT, late.checkinId(), edge + 1, true));
        assertEquals(1, ledger.counts(TENANT, EVENT).checkedIn(), "a refused undo changes nothing");
    }

    @Test
    void onlyTheDeviceThatCheckedInOrAnOpsUserMayUndo() {
        CheckinRequest request = scan("pass-ana", T0);
        rules.checkIn(kioskA, request, true);

        assertRefused(Kind.FORBIDDEN, null, () -> rules.undo(kioskB, EVENT, request.checkinId(), T0 + 1_000, true));
        assertFalse(rules.undo(ops, EVENT, request.checkinId(), T0 + 1_000, true).repeated());
    }

    @Test
    void anUploadedUndoFindsTheUploadedCheckInAndRunsOnTheTimeIngestReceivedIt() {
        CheckinRequest upload = scan("pass-ana", T0);
        ledger.uploaded(TENANT, Json.MAPPER.createObjectNode().put("event_id", upload.checkinId())
                .put("event_name", "checkin.success").set("payload", Json.MAPPER.createObjectNode()
                        .put("event", EVENT).put("guest_id", "g-ana")));
        rules.checkIn(offlineKiosk, upload, false);

        var undone = rules.undo(offlineKiosk, EVENT, upload.checkinId(), T0 + 60_000, false);

        assertEquals(List.of("g-ana"), undone.guestIds());
        assertEquals(0, ledger.counts(TENANT, EVENT).checkedIn());
    }

    // ---------- households ----------

    @Test
    void aHouseholdChecksInTheMembersWhoArrived_andTheRestLater() {
        CheckinRequest firstTwo = household("pass-roy", List.of("g-bea", "g-carl"), T0);
        var first = (HouseholdAnswer) assertInstanceOf(CheckinResult.Created.class,
                rules.checkIn(kioskA, firstTwo, true)).answer();

        assertEquals(List.of("g-bea", "g-carl"), first.guests().stream().map(DoorCard::guestId).toList());
        assertEquals(new DoorCard.HouseholdStatus(3, 2, List.of("Dora")), first.household());
        assertTrue(first.alreadyCheckedIn().isEmpty());

        // Carl is ticked again by mistake with Dora, who arrives later
        var second = (HouseholdAnswer) assertInstanceOf(CheckinResult.Created.class,
                rules.checkIn(kioskB, household("pass-roy", List.of("g-carl", "g-dora"), T0 + 600_000), true)).answer();

        assertEquals(List.of("g-dora"), second.guests().stream().map(DoorCard::guestId).toList());
        assertEquals(List.of(new HouseholdAnswer.Held("g-carl", "Carl", new FirstCheckin(firstTwo.checkinId(), T0, "kiosk-a"))),
                second.alreadyCheckedIn());
        assertEquals(new DoorCard.HouseholdStatus(3, 3, List.of()), second.household());
        assertEquals(3, ledger.counts(TENANT, EVENT).checkedIn());
    }

    @Test
    void aHouseholdPassNamingSomeoneOutsideTheHouseholdIsRefused() {
        assertRefused(Kind.NOT_INVITED, "guest_ids",
                () -> rules.checkIn(kioskA, household("pass-roy", List.of("g-bea", "g-ana"), T0), true));
        assertEquals(0, ledger.counts(TENANT, EVENT).checkedIn(), "nobody of a refused scan is checked in");
    }

    @Test
    void aGuestsOwnPassShowsTheirHouseholdsStatus() {
        events.pass(TENANT, "pass-bea", new Pass(EVENT, "g-bea", null, "h-roy", T0));
        rules.checkIn(kioskA, household("pass-roy", List.of("g-carl"), T0), true);

        var card = (DoorCard) assertInstanceOf(CheckinResult.Created.class,
                rules.checkIn(kioskA, scan("pass-bea", T0 + 1_000), true)).answer();

        assertEquals(new DoorCard.HouseholdStatus(3, 2, List.of("Dora")), card.household());
    }

    // ---------- other events and tenants ----------

    @Test
    void aGuestOfAnotherEventOrTenantIsNotCheckedIn() {
        assertRefused(Kind.NOT_INVITED, null, () -> rules.checkIn(kioskA, scan("pass-finn", T0), true));
        assertRefused(Kind.NOT_INVITED, null, () -> rules.checkIn(kioskA, byGuest("g-finn", EVENT), true));
        assertRefused(Kind.PASS_UNKNOWN, null, () -> rules.checkIn(kioskA, scan("pass-anna", T0), true));
        assertRefused(Kind.NOT_INVITED, null, () -> rules.checkIn(kioskA, byGuest("g-eve", EVENT), true));
        assertRefused(Kind.NOT_FOUND, null, () -> rules.checkIn(kioskA, scan("pass-ana", T0, "no-such-event"), true));

        Actor rival = new Actor(OTHER_TENANT, "kiosk-r", "key-r", "kiosk", false);
        assertRefused(Kind.PASS_UNKNOWN, null, () -> rules.checkIn(rival, scan("pass-ana", T0), true));
        assertRefused(Kind.NOT_FOUND, null, () -> rules.checkIn(rival, scan("pass-finn", T0, "brunch"), true));
        // the rival's own guest of the same id checks in on the rival's own event, apart from ours
        assertInstanceOf(CheckinResult.Created.class, rules.checkIn(rival, scan("pass-anna", T0), true));
        assertInstanceOf(CheckinResult.Created.class, rules.checkIn(kioskA, scan("pass-ana", T0), true));
        assertEquals(1, ledger.counts(TENANT, EVENT).checkedIn());
        assertEquals(1, ledger.counts(OTHER_TENANT, EVENT).checkedIn());
        assertRefused(Kind.NOT_FOUND, null, () -> rules.counting(OTHER_TENANT, "brunch", "g-finn"));
    }

    // ---------- check-out and re-entry (SPEC §17) ----------

    @Test
    void aCheckedOutGuestComesBackAsAReentryAndIsCountedInsideOnce() {
        CheckinRequest entry = scan("pass-ana", T0);
        rules.checkIn(kioskA, entry, true);
        var out = rules.checkOut(kioskA, checkout("g-ana", T0 + 60_000), true, () -> { });
        assertEquals("out", out.status());
        assertEquals(new InMemoryLedger.Counts(1, 1, 0, Map.of()), ledger.counts(TENANT, EVENT));

        var back = (DoorCard) assertInstanceOf(CheckinResult.Created.class,
                rules.checkIn(kioskB, scan("pass-ana", T0 + 120_000), true)).answer();

        assertTrue(back.reentry());
        assertEquals(new InMemoryLedger.Counts(1, 0, 0, Map.of("zb", 1L)), ledger.counts(TENANT, EVENT));
        assertRefused(Kind.NOT_CHECKED_IN, null, () -> rules.checkOut(kioskA, checkout("g-bea", T0), true, () -> { }));
    }

    @Test
    void anOlderUploadedCheckoutCannotPutOutAGuestWhoCameInAfterIt() {
        rules.checkIn(kioskA, scan("pass-ana", T0 + 60_000), true);

        assertRefused(Kind.ALREADY_CHECKED_IN, null,
                () -> rules.checkOut(offlineKiosk, checkout("g-ana", T0 + 30_000), false, () -> { }));
        assertFalse(ledger.state(TENANT, EVENT, "g-ana").orElseThrow().isOut());
    }

    // ---------- arrivals (SPEC §7) ----------

    @Test
    void anArrivalAtTheTableGivesTheDoorToSeatTime_andALaterConfirmationKeepsTheFirst() {
        rules.checkIn(kioskA, scan("pass-ana", T0), true);

        var first = rules.arrive(kioskB, new Checkins.ArrivalRequest(EVENT, new Identity.ByPass("pass-ana"), "t12", "tap",
                T0 + 90_000, null), true);
        var again = rules.arrive(kioskB, new Checkins.ArrivalRequest(EVENT, new Identity.ByGuest("g-ana"), "t7", "tap",
                T0 + 200_000, null), true);

        assertEquals(90.0, first.doorToSeatSeconds());
        assertTrue(first.atExpectedTable());
        assertEquals("B-12", first.expectedTableLabel());
        assertTrue(again.repeated());
        assertEquals("t12", again.tableId(), "the first arrival counts");
        assertEquals(1, ledger.counts(TENANT, EVENT).arrived());
    }

    // ---------- the public face ----------

    @Test
    void checkinsAnswersEachRefusalWithTheContractsReasonAndField() {
        for (Kind kind : Kind.values()) {
            var problem = Checkins.problem(DoorRefusal.field(kind, "guest_ids", "why")).problem();
            assertEquals(kind.name().toLowerCase(java.util.Locale.ROOT), problem.reason());
            assertEquals("guest_ids", problem.field());
            assertEquals(kind == Kind.UNAVAILABLE, DoorRefusal.field(kind, null, "why").retryable());
        }
        assertNull(Checkins.problem(new DoorRefusal(Kind.NOT_FOUND, "No such event")).problem().field());
        var ex = assertThrows(io.seatpilot.core.http.ApiException.class,
                () -> new Checkins(rules).checkIn(kioskA, scan("pass-finn", T0), true));
        assertEquals(403, ex.problem().status());
    }

    // ---------- stops (SPEC §16): one check-in per guest per stop ----------

    private static final String WEDDING = "boda";
    private final Actor ceremonyKiosk = new Actor(TENANT, "kiosk-cer", "key-cer", "kiosk", false, "ceremony");
    private final Actor receptionKiosk = new Actor(TENANT, "kiosk-rec", "key-rec", "kiosk", false, "reception");

    /** A wedding: a ceremony without seating, then a reception seated by the plan; Tia is invited to the ceremony only. */
    private void wedding() {
        var definition = new EventDefinition("Boda", "wedding", null, null,
                List.of(new EventDefinition.Zone("zb", "Hall", "B", "blue", null)), List.of(), List.of(), null, null,
                List.of(new EventDefinition.Stop("ceremony", "Ceremonia", null, null, null, false),
                        new EventDefinition.Stop("reception", "Banquete", null, null, null)), null, null);
        var table = new TableLayout("t12", "B-12", "zb", 10, "round", Set.of(), null, null, List.of());
        events.event(TENANT, new EventContext(WEDDING, definition, Map.of("t12", table), Map.of()))
                .guest(TENANT, WEDDING, new Guest("g-tia", "Tia", "Roy", null, Set.of(), Guest.Rsvp.CONFIRMED, null, null,
                        null, null, new Guest.Invitation(null, null, null, 0, List.of("ceremony"))))
                .guest(TENANT, WEDDING, guest("g-leo", "Leo", null, Guest.Rsvp.CONFIRMED))
                .pass(TENANT, "pass-tia", new Pass(WEDDING, "g-tia", null, null, T0))
                .pass(TENANT, "pass-leo", new Pass(WEDDING, "g-leo", null, null, T0));
    }

    @Test
    void aCeremonyOnlyGuestAtTheCeremony_isCheckedInWithACardThatHasNoTable() {
        wedding();

        var result = rules.checkIn(ceremonyKiosk, scan("pass-tia", T0, WEDDING), true);

        DoorCard card = (DoorCard) assertInstanceOf(CheckinResult.Created.class, result).answer();
        assertNull(card.tableLabel());
        assertNull(card.seatLabel());
        assertNull(card.zone());
        assertEquals("Welcome! Please sit where you like", card.direction());
        assertEquals("¡Bienvenido! Siéntese donde prefiera", card.in(io.seatpilot.core.i18n.Messages.of("es")).direction());
        // a seated guest shows no table at a stop without seating either, and counts in no zone there
        DoorCard leo = (DoorCard) assertInstanceOf(CheckinResult.Created.class,
                rules.checkIn(ceremonyKiosk, scan("pass-leo", T0, WEDDING), true)).answer();
        assertNull(leo.tableLabel());
        assertEquals(new InMemoryLedger.Counts(2, 0, 0, Map.of()), ledger.counts(TENANT, WEDDING));
    }

    @Test
    void aCeremonyOnlyGuestAtTheReception_isNotInvitedThere_andTheRefusalNamesTheStop() {
        wedding();
        rules.checkIn(ceremonyKiosk, scan("pass-tia", T0, WEDDING), true);

        DoorRefusal refused = assertThrows(DoorRefusal.class,
                () -> rules.checkIn(receptionKiosk, scan("pass-tia", T0 + 3_600_000, WEDDING), true));

        assertEquals(Kind.NOT_INVITED, refused.kind());
        assertTrue(refused.detail().contains("reception") && refused.detail().contains("Banquete"), refused.detail());
        var problem = assertThrows(io.seatpilot.core.http.ApiException.class,
                () -> new Checkins(rules).checkIn(receptionKiosk, scan("pass-tia", T0 + 3_600_000, WEDDING), true));
        assertEquals(403, problem.problem().status());
        assertEquals("not_invited", problem.problem().reason());
    }

    @Test
    void theSameGuestAtTwoStops_isCheckedInOnceAtEach_andEachStopCountsThemOnce() {
        wedding();

        var atCeremony = rules.checkIn(ceremonyKiosk, scan("pass-leo", T0, WEDDING), true);
        var atReception = rules.checkIn(receptionKiosk, scan("pass-leo", T0 + 3_600_000, WEDDING), true);
        var againAtReception = rules.checkIn(receptionKiosk.atStop("reception"),
                scan("pass-leo", T0 + 3_700_000, WEDDING), true);
        // staff naming no stop check in at the first stop, where Leo already is
        var staffAtFirstStop = rules.checkIn(ops, scan("pass-leo", T0 + 3_800_000, WEDDING), true);

        assertInstanceOf(CheckinResult.Created.class, atCeremony);
        DoorCard reception = (DoorCard) assertInstanceOf(CheckinResult.Created.class, atReception).answer();
        assertEquals("B-12", reception.tableLabel(), "the reception is seated by the plan");
        assertEquals(reception.checkinId(), assertInstanceOf(CheckinResult.AlreadyCheckedIn.class, againAtReception).first().checkinId());
        assertEquals("kiosk-cer", assertInstanceOf(CheckinResult.AlreadyCheckedIn.class, staffAtFirstStop).first().deviceId());
        assertEquals(new InMemoryLedger.Counts(1, 0, 0, Map.of()), ledger.counts(TENANT, WEDDING));
        assertEquals(new InMemoryLedger.Counts(1, 0, 0, Map.of("zb", 1L)), ledger.counts(TENANT, WEDDING + "#STOP#reception"));
        assertEquals("kiosk-rec", rules.counting(TENANT, WEDDING, "reception", "g-leo").get("g-leo").deviceId());
        assertEquals("kiosk-cer", rules.counting(TENANT, WEDDING, "g-leo").get("g-leo").deviceId());
    }

    @Test
    void offlineUploads_theEarliestScanWinsPerStop_neverAcrossStops() {
        wedding();
        Actor receptionUploader = Actor.uploader(TENANT, "kiosk-up", "key-up", "reception");
        Actor ceremonyUploader = Actor.uploader(TENANT, "kiosk-up2", "key-up2", "ceremony");
        rules.checkIn(receptionKiosk, scan("pass-leo", T0 + 3_660_000, WEDDING), true);
        clock.advance(4_000_000);

        // the ceremony scan is earlier than the reception one, but at another stop: both count
        var ceremony = rules.checkIn(ceremonyUploader, scan("pass-leo", T0, WEDDING), false);
        // an earlier reception scan uploaded late takes the reception's check-in over
        CheckinRequest earlierAtReception = scan("pass-leo", T0 + 3_600_000, WEDDING);
        var reception = rules.checkIn(receptionUploader, earlierAtReception, false);

        assertInstanceOf(CheckinResult.Created.class, ceremony);
        assertInstanceOf(CheckinResult.Created.class, reception);
        assertEquals(new FirstCheckin(earlierAtReception.checkinId(), T0 + 3_600_000, "kiosk-up"),
                rules.counting(TENANT, WEDDING, "reception", "g-leo").get("g-leo"));
        assertEquals("kiosk-up2", rules.counting(TENANT, WEDDING, "ceremony", "g-leo").get("g-leo").deviceId());
        assertTrue(ledger.conflicts(TENANT, WEDDING).isEmpty(), "the ceremony's check-in was never contested");
        assertEquals("superseded", ledger.conflicts(TENANT, WEDDING + "#STOP#reception").getFirst().kind());
        assertEquals(1, ledger.counts(TENANT, WEDDING + "#STOP#reception").checkedIn());
        // and a ceremony-only guest's upload at the reception is refused, as online
        assertRefused(Kind.NOT_INVITED, null, () -> rules.checkIn(receptionUploader, scan("pass-tia", T0, WEDDING), false));
    }

    @Test
    void aHouseholdAtAStop_expectsOnlyTheMembersInvitedThere_andAMemberInvitedElsewhereIsRefused() {
        wedding();
        // the Paz household: Ines to both stops, her son Nico to the reception only
        events.guest(TENANT, WEDDING, guest("g-ines", "Ines", "h-paz", Guest.Rsvp.CONFIRMED))
                .guest(TENANT, WEDDING, new Guest("g-nico", "Nico", "Paz", "h-paz", Set.of(), Guest.Rsvp.CONFIRMED, null, null,
                        "t12", null, new Guest.Invitation(null, null, null, 0, List.of("reception"))))
                .household(TENANT, WEDDING, new Household("h-paz", "Paz", List.of(
                        new Household.Member("g-ines", "Ines", false), new Household.Member("g-nico", "Nico", false))))
                .pass(TENANT, "pass-paz", new Pass(WEDDING, null, "h-paz", null, T0));

        var atCeremony = rules.checkIn(ceremonyKiosk, new CheckinRequest(WEDDING, UUID.randomUUID().toString(),
                new Identity.ByHousehold("pass-paz", List.of("g-ines")), "household", T0, null, null), true);
        var nicoAtCeremony = assertThrows(DoorRefusal.class, () -> rules.checkIn(ceremonyKiosk, new CheckinRequest(WEDDING,
                UUID.randomUUID().toString(), new Identity.ByHousehold("pass-paz", List.of("g-nico")), "household", T0, null, null), true));
        var atReception = rules.checkIn(receptionKiosk, new CheckinRequest(WEDDING, UUID.randomUUID().toString(),
                new Identity.ByHousehold("pass-paz", List.of("g-ines")), "household", T0 + 3_600_000, null, null), true);

        var ceremony = (HouseholdAnswer) assertInstanceOf(CheckinResult.Created.class, atCeremony).answer();
        assertEquals(new DoorCard.HouseholdStatus(1, 1, List.of()), ceremony.household(), "Nico is not expected at the ceremony");
        assertEquals(Kind.NOT_INVITED, nicoAtCeremony.kind());
        var reception = (HouseholdAnswer) assertInstanceOf(CheckinResult.Created.class, atReception).answer();
        assertEquals(new DoorCard.HouseholdStatus(2, 1, List.of("Nico")), reception.household(),
                "at the reception Ines is in (her ceremony check-in does not count here) and Nico is still to come");
    }

    @Test
    void aGuestWhoAnsweredNoForOneStop_isRefusedThereOnlineAndOffline_andWelcomeAtTheOther() {
        wedding();
        // Leo is invited to both stops; on the RSVP page he said no to the ceremony and yes to the reception
        events.rsvp(TENANT, WEDDING, "g-leo", "ceremony", "no").rsvp(TENANT, WEDDING, "g-leo", "reception", "yes");
        Actor ceremonyUploader = Actor.uploader(TENANT, "kiosk-up", "key-up", "ceremony");

        DoorRefusal online = assertThrows(DoorRefusal.class,
                () -> rules.checkIn(ceremonyKiosk, scan("pass-leo", T0, WEDDING), true));
        DoorRefusal offline = assertThrows(DoorRefusal.class,
                () -> rules.checkIn(ceremonyUploader, scan("pass-leo", T0, WEDDING), false));
        var atReception = rules.checkIn(receptionKiosk, scan("pass-leo", T0 + 3_600_000, WEDDING), true);

        assertEquals(Kind.NOT_INVITED, online.kind());
        assertEquals(Kind.NOT_INVITED, offline.kind());
        assertTrue(online.detail().contains("ceremony") && online.detail().contains("Ceremonia"), online.detail());
        var problem = assertThrows(io.seatpilot.core.http.ApiException.class,
                () -> new Checkins(rules).checkIn(ceremonyKiosk, scan("pass-leo", T0, WEDDING), true));
        assertEquals(403, problem.problem().status());
        assertEquals("not_invited", problem.problem().reason());
        assertEquals(0, ledger.counts(TENANT, WEDDING).checkedIn(), "nobody is in at the ceremony");
        assertInstanceOf(CheckinResult.Created.class, atReception, "his no to the ceremony changes nothing at the reception");
    }

    @Test
    void aHouseholdMemberWhoAnsweredNoForTheStop_isNeitherExpectedNorCheckedInThere() {
        wedding();
        // the Paz household, both invited to both stops; Nico said no to the ceremony only
        events.guest(TENANT, WEDDING, guest("g-ines", "Ines", "h-paz", Guest.Rsvp.CONFIRMED))
                .guest(TENANT, WEDDING, guest("g-nico", "Nico", "h-paz", Guest.Rsvp.CONFIRMED))
                .household(TENANT, WEDDING, new Household("h-paz", "Paz", List.of(
                        new Household.Member("g-ines", "Ines", false), new Household.Member("g-nico", "Nico", false))))
                .pass(TENANT, "pass-paz", new Pass(WEDDING, null, "h-paz", null, T0))
                .rsvp(TENANT, WEDDING, "g-nico", "ceremony", "no");

        var inesAtCeremony = rules.checkIn(ceremonyKiosk, new CheckinRequest(WEDDING, UUID.randomUUID().toString(),
                new Identity.ByHousehold("pass-paz", List.of("g-ines")), "household", T0, null, null), true);
        var nicoAtCeremony = assertThrows(DoorRefusal.class, () -> rules.checkIn(ceremonyKiosk, new CheckinRequest(WEDDING,
                UUID.randomUUID().toString(), new Identity.ByHousehold("pass-paz", List.of("g-nico")), "household", T0, null, null), true));
        var inesAtReception = rules.checkIn(receptionKiosk, new CheckinRequest(WEDDING, UUID.randomUUID().toString(),
                new Identity.ByHousehold("pass-paz", List.of("g-ines")), "household", T0 + 3_600_000, null, null), true);

        var ceremony = (HouseholdAnswer) assertInstanceOf(CheckinResult.Created.class, inesAtCeremony).answer();
        assertEquals(new DoorCard.HouseholdStatus(1, 1, List.of()), ceremony.household(), "Nico is not expected at the ceremony");
        assertEquals(Kind.NOT_INVITED, nicoAtCeremony.kind());
        var reception = (HouseholdAnswer) assertInstanceOf(CheckinResult.Created.class, inesAtReception).answer();
        assertEquals(new DoorCard.HouseholdStatus(2, 1, List.of("Nico")), reception.household(), "Nico is expected at the reception");
    }

    @Test
    void anUndoFindsTheCheckInAtItsStop_andAStopTheEventLacksIsRefused() {
        wedding();
        DoorCard card = (DoorCard) ((CheckinResult.Created) rules.checkIn(receptionKiosk,
                scan("pass-leo", T0, WEDDING), true)).answer();

        var undone = rules.undo(ops, WEDDING, card.checkinId(), clock.millis(), true);

        assertEquals(List.of("g-leo"), undone.guestIds());
        assertEquals(0, ledger.counts(TENANT, WEDDING + "#STOP#reception").checkedIn());
        assertRefused(Kind.VALIDATION_FAILED, "stop_id",
                () -> rules.checkIn(ops.atStop("dinner"), scan("pass-leo", T0, WEDDING), true));
    }

    // ---------- helpers ----------

    private static Guest guest(String id, String firstName, String household, Guest.Rsvp rsvp) {
        return new Guest(id, firstName, "Roy", household, Set.of(), rsvp, null, null, "t12", null);
    }

    private static CheckinRequest scan(String pass, long scannedAt) {
        return scan(pass, scannedAt, EVENT);
    }

    private static CheckinRequest scan(String pass, long scannedAt, String event) {
        return new CheckinRequest(event, UUID.randomUUID().toString(), new Identity.ByPass(pass), "qr", scannedAt, null, null);
    }

    private static CheckinRequest byGuest(String guestId, String event) {
        return new CheckinRequest(event, UUID.randomUUID().toString(), new Identity.ByGuest(guestId), "name", T0, null, null);
    }

    private static CheckinRequest household(String pass, List<String> members, long scannedAt) {
        return new CheckinRequest(EVENT, UUID.randomUUID().toString(), new Identity.ByHousehold(pass, members), "household",
                scannedAt, null, null);
    }

    private static CheckoutRequest checkout(String guestId, long scannedAt) {
        return new CheckoutRequest(EVENT, UUID.randomUUID().toString(), new Identity.ByGuest(guestId), scannedAt);
    }

    private static void assertRefused(Kind kind, String field, Executable action) {
        DoorRefusal refused = assertThrows(DoorRefusal.class, action);
        assertEquals(kind, refused.kind(), refused.getMessage());
        assertEquals(field, refused.field());
    }

    /** The server's clock, moved by the test. */
    static final class MutableClock extends Clock {
        private final AtomicLong millis;

        MutableClock(long millis) {
            this.millis = new AtomicLong(millis);
        }

        void advance(long by) {
            millis.addAndGet(by);
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
