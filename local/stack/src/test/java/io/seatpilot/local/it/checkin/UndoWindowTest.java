package io.seatpilot.local.it.checkin;

import io.seatpilot.core.wiring.Platform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seatpilot.checkin.CheckinHandler;
import io.seatpilot.core.config.Env;
import io.seatpilot.core.json.Json;
import io.seatpilot.core.signing.RequestSigner;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The undo window on the server's own clock: a stack whose check-in function runs on a clock the test moves, and
 * a kiosk signing on that same clock (so its requests stay within the signature's skew window).
 */
class UndoWindowTest {

    private static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.now());
    private static final Clock CLOCK = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return NOW.get();
        }
    };
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true)
                .handlerOverride("CheckinFunction", env -> new CheckinHandler(new Platform(new Env(env), CLOCK)))
                .build().start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void anUndoSixteenMinutesAfterTheCheckinIsRefusedAndFourteenMinutesIsAccepted() {
        Door door = Door.setUp(Tenant.on(stack, "clock"));
        Tenant.Key key = door.tenant.issueKey("door-a", "kiosk");
        RequestSigner signer = new RequestSigner(key.keyId(), key.secret(), CLOCK);
        var late = checkIn(door, signer, "g1");
        var early = checkIn(door, signer, "g2");
        NOW.set(NOW.get().plus(Duration.ofMinutes(14)));
        assertEquals(201, undo(door, signer, early).status());
        NOW.set(NOW.get().plus(Duration.ofMinutes(2)));
        var refused = undo(door, signer, late);
        assertEquals(422, refused.status(), refused.body());
        assertEquals("undo_window_passed", refused.reason());
        assertEquals(1, door.counters().checkedIn());
    }

    @Test
    void theWindowRunsFromWhenTheServerRecordedTheCheckinNotFromTheScansTime() {
        Door door = Door.setUp(Tenant.on(stack, "scan-clock"));
        Tenant.Key key = door.tenant.issueKey("door-a", "kiosk");
        RequestSigner signer = new RequestSigner(key.keyId(), key.secret(), CLOCK);
        var scannedLongAgo = checkIn(door, signer, "g1", CLOCK.millis() - Duration.ofHours(2).toMillis());
        assertEquals(201, undo(door, signer, scannedLongAgo).status(), "recorded just now: within the window");
        var scannedAhead = checkIn(door, signer, "g2", CLOCK.millis() + Duration.ofMinutes(4).toMillis());
        NOW.set(NOW.get().plus(Duration.ofMinutes(16)));
        var refused = undo(door, signer, scannedAhead);
        assertEquals(422, refused.status(), refused.body());
        assertEquals("undo_window_passed", refused.reason());
    }

    private static String checkIn(Door door, RequestSigner signer, String guest) {
        return checkIn(door, signer, guest, CLOCK.millis());
    }

    private static String checkIn(Door door, RequestSigner signer, String guest, long scannedAt) {
        var answer = door.tenant.api().signed(signer, "POST", "/v1/events/" + Door.EVENT + "/checkins",
                Json.write(Door.byPass(door.passes.get(guest), scannedAt)));
        assertEquals(201, answer.status(), answer.body());
        return answer.json().get("checkin_id").asText();
    }

    private static Api.Answer undo(Door door, RequestSigner signer, String checkinId) {
        return door.tenant.api().signed(signer, "POST", "/v1/events/" + Door.EVENT + "/checkins/" + checkinId + "/undo", "");
    }
}
