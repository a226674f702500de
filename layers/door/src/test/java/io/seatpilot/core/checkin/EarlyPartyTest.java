package io.seatpilot.core.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.core.auth.Caller;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.Principal;
import io.seatpilot.core.auth.Role;
import io.seatpilot.core.event.EventDefinition;
import io.seatpilot.core.event.Guest;
import io.seatpilot.core.event.Pass;
import io.seatpilot.core.event.TableLayout;
import io.seatpilot.core.http.ApiException;
import io.seatpilot.core.http.ApiRequest;
import io.seatpilot.core.http.ApiResponse;
import io.seatpilot.core.http.Problem;
import io.seatpilot.core.http.Reason;
import io.seatpilot.core.snapstart.Priming;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A kiosk's check-in whose party is read beside the derivation of its key's secret ({@link DoorRules#readAhead}),
 * composed as the door composes it: {@link Callers#signedOrBearer} tells the door of the key's device once its record
 * is read, the door starts the party's read then, and the check-in joins it after the signature verified. The
 * verifier here keeps SPEC §4's order (key record, then the secret, then the signature) and derives the secret only
 * once the pass read has started — so these tests hang up (and fail) if the read waits for the verification.
 */
class EarlyPartyTest {

    private static final String TENANT = "t-acme";
    private static final String EVENT = "gala";
    private static final long T0 = 1_780_000_000_000L;
    private static final Principal.Device KIOSK = new Principal.Device("t-acme.k1", "kiosk-1", TENANT, Role.KIOSK,
            Set.of(EVENT), null, null);

    /** Every read of the pass book and the directory, and the verifier's steps, in the order they happened. */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch passRead = new CountDownLatch(1);
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final InMemoryEvents events = new InMemoryEvents();
    private final PassBook passes = new PassBook() {
        @Override
        public Optional<Pass> find(String tenant, String token) {
            calls.add("pass " + token);
            passRead.countDown();
            return events.find(tenant, token);
        }

        @Override
        public Optional<Pass> findStored(String tenant, String storedForm) {
            return events.findStored(tenant, storedForm);
        }

        @Override
        public Optional<Pass> findByCode(String tenant, String event, String canonicalCode) {
            return events.findByCode(tenant, event, canonicalCode);
        }

        @Override
        public Optional<io.seatpilot.core.event.OpenedPass> open(String tenant, String token) {
            return events.open(tenant, token);
        }
    };
    private final Checkins checkins = new Checkins(new DoorRules(events, events, passes, ledger, ledger,
            Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC)));

    EarlyPartyTest() {
        var definition = new EventDefinition("Gala", "gala", null, null,
                List.of(new EventDefinition.Zone("zb", "Hall", "B", "blue", null)), List.of(), List.of());
        events.event(TENANT, new EventContext(EVENT, definition,
                        Map.of("t12", new TableLayout("t12", "B-12", "zb", 10, "round", Set.of(), null, null, List.of())), Map.of()))
                .guest(TENANT, EVENT, new Guest("g-ana", "Ana", "García", null, Set.of(), Guest.Rsvp.CONFIRMED, null, null,
                        "t12", null, null))
                .event(TENANT, new EventContext("brunch", definition, Map.of(), Map.of()))
                .pass(TENANT, "pass-ana", new Pass(EVENT, "g-ana", null, null, T0));
    }

    @Test
    void aScanWhoseSignatureFailsIs401AndWritesNothing_thoughItsPassWasReadBesideTheSecret() {
        var refused = assertThrows(ApiException.class, () -> scan("pass-ana", false));

        assertEquals(401, refused.problem().status());
        assertEquals(Reason.SIGNATURE_INVALID.code(), refused.problem().reason());
        assertEquals(List.of("key", "pass pass-ana", "secret"), calls.subList(0, 3),
                "the pass is read once the key record is, before the secret is derived");
        assertTrue(ledger.states(TENANT, EVENT, List.of("g-ana")).isEmpty(), "no check-in");
        assertTrue(ledger.audit().isEmpty(), "no audit entry");
    }

    @Test
    void aVerifiedScanChecksInWithThePartyReadBesideTheSecret_readingThePassOnce() {
        var answer = scan("pass-ana", true);

        assertEquals(201, answer.status());
        assertEquals(List.of("key", "pass pass-ana", "secret", "signature"), calls.stream().filter(c -> !c.equals("confirm")).toList());
        assertEquals(1, ledger.states(TENANT, EVENT, List.of("g-ana")).size());
    }

    @Test
    void anUnknownPassReadAheadIsRefusedInItsTurn_afterTheSignature() {
        var refused = assertThrows(ApiException.class, () -> scan("pass-nobody", false));
        assertEquals(Reason.SIGNATURE_INVALID.code(), refused.problem().reason(), "a bad signature wins over the unknown pass");

        calls.clear();
        var unknown = assertThrows(ApiException.class, () -> scan("pass-nobody", true));
        assertEquals(Reason.PASS_UNKNOWN.code(), unknown.problem().reason());
        assertEquals(1, calls.stream().filter(c -> c.startsWith("pass ")).count(), "read ahead, not again");
    }

    @Test
    void aReadAheadOfAnotherScanIsNotUsed() {
        var early = checkins.readAhead(TENANT, scanOf("pass-ana")).orElseThrow();
        var other = new CheckinRequest("brunch", UUID.randomUUID().toString(), new Identity.ByPass("pass-ana"), "qr", T0, null, null);
        var actor = Actor.of(KIOSK);

        var refused = assertThrows(ApiException.class, () -> checkins.checkIn(actor, other, true, () -> { }, early));

        assertEquals(Reason.NOT_INVITED.code(), refused.problem().reason(), "read for this scan, Ana's pass is for another event");
        assertTrue(ledger.states(TENANT, "brunch", List.of("g-ana")).isEmpty());
        assertTrue(checkins.readAhead(TENANT, new CheckinRequest(EVENT, UUID.randomUUID().toString(),
                new Identity.ByCode("ABCD-2345", List.of()), "code", T0, null, null)).isEmpty(), "a code is looked up in its turn");
    }

    /** The door's check-in of {@code pass} by {@link #KIOSK}, its party read as soon as its key record is. */
    private ApiResponse scan(String pass, boolean signatureMatches) {
        CheckinRequest checkin = scanOf(pass);
        var early = new AtomicReference<DoorRules.EarlyParty>();
        ApiRequest request = ApiRequest.from(Priming.request("POST", "/v1/events/" + EVENT + "/checkins",
                Map.of("x-key", KIOSK.keyId()), "{}"));
        Caller door = Callers.signedOrBearer(request, 16 * 1024, new Verifier(signatureMatches), token -> {
            throw new AssertionError("signed");
        }, Set.of(Role.KIOSK), device -> checkins.readAhead(device.tenantId(), checkin).ifPresent(early::set));
        return door.answer(caller -> {
            var result = checkins.checkIn(Actor.of(caller.principal()), checkin, true, caller::confirm, early.get());
            assertInstanceOf(CheckinResult.Created.class, result);
            return new ApiResponse(201, Problem.CONTENT_TYPE, "{}");
        });
    }

    private static CheckinRequest scanOf(String pass) {
        return new CheckinRequest(EVENT, UUID.randomUUID().toString(), new Identity.ByPass(pass), "qr", T0, null, null);
    }

    /** SPEC §4's order: the key record, then its secret (which waits for the pass read), then the signature. */
    private final class Verifier implements Callers.SignedRequests {

        private final boolean signatureMatches;

        Verifier(boolean signatureMatches) {
            this.signatureMatches = signatureMatches;
        }

        @Override
        public boolean isSigned(ApiRequest request) {
            return true;
        }

        @Override
        public Principal.Device verify(ApiRequest request, int maxBodyBytes) {
            throw new AssertionError("the door verifies with its nonce beside its reads");
        }

        @Override
        public Callers.SignedDevice verify(ApiRequest request, int maxBodyBytes, Executor nonceWriter,
                                           Consumer<Principal.Device> keyRead) {
            calls.add("key");
            keyRead.accept(KIOSK);
            try {
                assertTrue(passRead.await(10, TimeUnit.SECONDS), "the pass is read while the secret is derived");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            calls.add("secret");
            if (!signatureMatches) {
                throw new ApiException(Reason.SIGNATURE_INVALID, "Signature does not match");
            }
            calls.add("signature");
            return new Callers.SignedDevice() {
                @Override
                public Principal.Device device() {
                    return KIOSK;
                }

                @Override
                public Principal.Device confirm() {
                    calls.add("confirm");
                    return KIOSK;
                }
            };
        }
    }
}
