package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.Envelopes;
import io.seatpilot.local.it.Tenant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §14's limits per device key or user, counted across instances in DynamoDB: over them a request answers
 * 429 rate_limited with Retry-After, and another key keeps its own budget.
 */
class RateLimitTest {

    @Test
    void theThirtyFirstUploadOfOneKioskInTenSecondsWaits() {
        Tenant tenant = Tenant.create("rate-ingest");
        Tenant.Key kiosk = tenant.kioskKey();
        List<Integer> statuses = new ArrayList<>();
        Api.Answer last = null;
        // the budget is per fixed 10 s window: 40 quick uploads cross at most one window edge, so at least 30 pass
        // in one window and some are refused in that window, whatever second the test starts in
        for (int i = 0; i < 70 && (last == null || last.status() != 429); i++) {
            last = tenant.api().signed(kiosk.signer(), "POST", "/v1/events", Envelopes.scanStart(tenant.id()).toString());
            statuses.add(last.status());
        }
        assertEquals(429, last.status(), statuses::toString);
        assertEquals("rate_limited", last.reason());
        int retryAfter = Integer.parseInt(last.header("retry-after").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After " + retryAfter);
        assertTrue(statuses.stream().filter(s -> s == 202).count() >= 30, statuses::toString);

        var otherKiosk = tenant.api().signed(tenant.kioskKey().signer(), "POST", "/v1/events",
                Envelopes.scanStart(tenant.id()).toString());
        assertEquals(202, otherKiosk.status(), "another key has its own budget");
    }

    @Test
    void checkinsAndNameSearchesOfOneKioskAreBoundedToo() {
        Door door = Door.setUp("rate-door");
        Tenant.Key kiosk = door.tenant.kioskKey();
        Api.Answer last = null;
        int answered = 0;
        for (int i = 0; i < 40 && (last == null || last.status() != 429); i++) {
            // repeats of one check-in are cheap for the door but still count: a kiosk looping on one guest is bounded
            last = door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), System.currentTimeMillis()));
            answered++;
        }
        assertEquals(429, last.status(), "after " + answered + " check-ins: " + last.body());
        assertTrue(answered > 10, "ten check-ins per 10 s are served: " + answered);

        Tenant.Key searcher = door.tenant.kioskKey();
        Api.Answer search = null;
        for (int i = 0; i < 30 && (search == null || search.status() != 429); i++) {
            String path = "/v1/events/" + Door.EVENT + "/guests/search";
            search = door.tenant.api().send("GET", path + "?q=ru", null, searcher.signer().sign("GET", path, new byte[0]));
        }
        assertEquals(429, search.status(), search.body());
        assertTrue(search.header("retry-after").isPresent());
    }

    /**
     * A check-in's lease is taken beside its reads when its instance holds no token (a restored instance's first
     * scan of each key): a request over the limit still answers 429 whatever it names — a declined guest, a guest
     * not yet in — and checks no one in.
     */
    @Test
    void aCheckinOverTheLimit_answers429WhateverItNames_andChecksNoOneIn() throws InterruptedException {
        Door door = Door.setUp("rate-over");
        Tenant.Key kiosk = door.tenant.kioskKey();
        for (int attempt = 0; ; attempt++) {
            Api.Answer last = null;
            for (int i = 0; i < 40 && (last == null || last.status() != 429); i++) {
                last = door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), System.currentTimeMillis()));
            }
            assertEquals(429, last.status(), last.body());
            int retryAfter = Integer.parseInt(last.header("retry-after").orElseThrow());
            // the requests below must meet the same window: start again in the next one if this one is about to end
            if (retryAfter >= 4 || attempt == 3) {
                break;
            }
            Thread.sleep(retryAfter * 1000L + 200);
        }
        var declined = door.checkIn(kiosk, Door.byPass(door.passes.get("g3"), System.currentTimeMillis()));
        assertEquals(429, declined.status(), declined.body());
        assertEquals("rate_limited", declined.reason());
        var notYetIn = door.checkIn(kiosk, Door.byPass(door.passes.get("g2"), System.currentTimeMillis()));
        assertEquals(429, notYetIn.status(), notYetIn.body());
        assertTrue(notYetIn.header("retry-after").isPresent());

        var byAnother = door.checkIn(door.tenant.kioskKey(), Door.byPass(door.passes.get("g2"), System.currentTimeMillis()));
        assertEquals(201, byAnother.status(), "the refused scan checked no one in: " + byAnother.body());
    }
}
