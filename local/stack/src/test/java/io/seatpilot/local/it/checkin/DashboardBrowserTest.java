package io.seatpilot.local.it.checkin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.seatpilot.local.it.ChromiumSession;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import io.seatpilot.simulator.DoorSimulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * The Ops Live dashboard in a real browser (Debian's Chromium, headless) against the local stack: sign in with an
 * ops token, follow an event, and watch the tiles and the feed change when guests check in at the door.
 */
class DashboardBrowserTest {

    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final Path SIMULATOR_SCREENSHOT = Path.of("target", "dashboard-simulator.png");

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    @Test
    void tilesAndFeedFollowCheckinsLive() throws Exception {
        Door door = Door.setUp("dashboard");
        Tenant.Key kiosk = door.tenant.kioskKey();
        Page page = chromium.browser().newPage();
        var stack = door.tenant.stack();
        page.navigate(stack.httpEndpoint().resolve("/ops/?ws=" + stack.wsEndpoint()).toString());

        page.locator("#token").fill(door.tenant.token("ops"));
        page.locator("#event").fill(Door.EVENT);
        page.locator("#signin button[type=submit]").click();
        Locator status = page.locator("#status");
        assertThat(status).hasText("● live", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        Locator checkedIn = page.locator("#tile-checked-in .figure");
        assertThat(checkedIn).hasText("0 / 6");

        assertEquals(201, door.checkIn(kiosk, Door.byPass(door.passes.get("g1"), System.currentTimeMillis())).status());
        assertEquals(201, door.checkIn(kiosk, Door.byPass(door.passes.get("g2"), System.currentTimeMillis())).status());

        assertThat(checkedIn).hasText("2 / 6", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        assertThat(page.locator("#feed li")).hasCount(2);
        // g1 sits in the hall (B), g2 in the garden (A): each zone's headcount moved by one
        Locator zones = page.locator("#zones tbody tr");
        assertThat(zones.nth(0).locator("td").nth(1)).hasText("1");
        assertThat(zones.nth(1).locator("td").nth(1)).hasText("1");
        // the last hour, minute by minute, from the snapshot; the two check-ins counted live into their minute
        assertThat(page.locator("#arrivals rect")).hasCount(60);
        assertThat(page.locator("#arrivals")).hasAttribute("aria-label", Pattern.compile("latest [12]$"));
        assertThat(page.locator("#feed li").first()).containsText("checked in");
        Files.createDirectories(SCREENSHOT.getParent());
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOT).setFullPage(true));

        // following again (another event, or the same after a token change) stops the first connection's timers
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onPageError(errors::add);
        page.locator("#signin button[type=submit]").click();
        assertThat(status).hasText("● live", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        assertThat(checkedIn).hasText("2 / 6");
        assertEquals(List.of(), errors, "following again throws nothing on the page");
    }

    /**
     * A wedding's two stops (SPEC §16) on two screens: one left at the first stop (the default, as neither has started),
     * one switched to the reception with the stop picker. Leo checked in at the reception counts on the reception's
     * screen only, Tia at the ceremony on the ceremony's only; the messages of both reach both pages. An evacuation at
     * the reception shows on both, its roll call naming the reception and looking for Leo alone.
     */
    @Test
    void eachStopsViewCountsOnlyTheCheckinsAtItsStop() {
        var wedding = StopCheckinTest.Wedding.setUp("dash-stops");
        Tenant.Key ceremonyDoor = wedding.kiosk("door-c", "ceremony");
        Tenant.Key receptionDoor = wedding.kiosk("door-r", "reception");
        Page ceremony = follow(wedding.tenant(), StopCheckinTest.EVENT);
        Page reception = follow(wedding.tenant(), StopCheckinTest.EVENT);
        assertThat(ceremony.locator("#stop-picker")).isVisible();
        assertThat(ceremony.locator("#stop")).hasValue("ceremony");
        reception.locator("#stop").selectOption("reception");
        assertThat(reception.locator("#status")).hasText("● live", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        assertThat(reception.locator("#tile-checked-in .figure")).hasText("0 / 1", new LocatorAssertions.HasTextOptions()
                .setTimeout(15_000));
        assertThat(ceremony.locator("#tile-checked-in .figure")).hasText("0 / 2");

        assertEquals(201, wedding.checkIn(receptionDoor, "g-leo").status());
        assertEquals(201, wedding.checkIn(ceremonyDoor, "g-tia").status());

        assertThat(reception.locator("#tile-checked-in .figure")).hasText("1 / 1", new LocatorAssertions.HasTextOptions()
                .setTimeout(15_000));
        assertThat(ceremony.locator("#tile-checked-in .figure")).hasText("1 / 2", new LocatorAssertions.HasTextOptions()
                .setTimeout(15_000));
        // each page got both messages in seq order: once the later one shows, the other stop's was seen and left out
        assertThat(reception.locator("#feed li")).hasCount(1);
        assertThat(ceremony.locator("#feed li")).hasCount(1);

        // an evacuation at the reception reaches the ceremony's screen too, and its roll call names the stop it counts
        var evac = wedding.tenant().api().withToken(wedding.tenant().token("ops"), "POST",
                "/v1/events/" + StopCheckinTest.EVENT + "/alerts", java.util.Map.of("level", "EVAC", "template", "evacuate",
                        "stop_id", "reception"));
        assertEquals(201, evac.status(), evac.body());
        for (Page screen : List.of(ceremony, reception)) {
            assertThat(screen.locator("#safety-alerts li").first()).containsText("· at Banquete",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            assertThat(screen.locator("#safety-rollcall .rollcall-stop")).hasText("Stop: Banquete (guests checked in there)",
                    new LocatorAssertions.HasTextOptions().setTimeout(15_000));
            assertThat(screen.locator("#safety-unaccounted li")).hasText(new String[] {"? Leo P. · table B-12 · zone B"});
        }
        // back on the first stop, the reception's screen resyncs to the ceremony's own snapshot
        reception.locator("#stop").selectOption("ceremony");
        assertThat(reception.locator("#tile-checked-in .figure")).hasText("1 / 2", new LocatorAssertions.HasTextOptions()
                .setTimeout(15_000));
    }

    private static Page follow(Tenant tenant, String event) {
        Page page = chromium.browser().newPage();
        var stack = tenant.stack();
        page.navigate(stack.httpEndpoint().resolve("/ops/?ws=" + stack.wsEndpoint() + "&lang=en").toString());
        page.locator("#token").fill(tenant.token("ops"));
        page.locator("#event").fill(event);
        page.locator("#signin button[type=submit]").click();
        assertThat(page.locator("#status")).hasText("● live", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        return page;
    }

    /**
     * The issue's demo as a test: the kiosk simulator plays a door (QR, code and name check-ins, households, an
     * offline kiosk uploading its queue, table arrivals, scan telemetry) while the page watches. The count climbs
     * and the feed fills live; once the KPI rollup has run, the latency tiles show figures from the simulator's
     * own telemetry.
     */
    @Test
    void tilesFollowTheKioskSimulatorsDoor() throws Exception {
        var stack = SharedStack.get();
        String tenant = "simdash-" + UUID.randomUUID().toString().substring(0, 6);
        DoorSimulation door = DoorSimulation.prepare(new DoorSimulation.Settings(stack.httpEndpoint(), tenant,
                stack.issueToken(tenant, List.of("admin"), List.of()), 80, 3, 1, 450, 11, true));
        Page page = chromium.browser().newPage();
        page.navigate(stack.httpEndpoint().resolve("/ops/?ws=" + stack.wsEndpoint()).toString());
        page.locator("#token").fill(stack.issueToken(tenant, List.of("ops"), List.of()));
        page.locator("#event").fill(door.eventId());
        page.locator("#signin button[type=submit]").click();
        assertThat(page.locator("#status")).hasText("● live", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        Locator checkedIn = page.locator("#tile-checked-in .figure");
        assertThat(checkedIn).hasText(Pattern.compile("^0 / \\d+$"));

        CompletableFuture<DoorSimulation.Report> playing = CompletableFuture.supplyAsync(() -> {
            try {
                return door.play();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        // while the door is still playing, the page already counts guests in
        assertThat(checkedIn).hasText(Pattern.compile("^[1-9]\\d* / \\d+$"), new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        DoorSimulation.Report report = playing.get(3, TimeUnit.MINUTES);
        long checkins = report.outcomes().getOrDefault("POST checkins 201", 0L);
        assertTrue(checkins > 0, report.outcomes()::toString);
        // the feed ends with the door's last facts: check-ins, and the table arrivals that follow them
        assertThat(page.locator("#feed li").first()).containsText(Pattern.compile("checked in|at table"),
                new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));

        Locator latency = page.locator("#tile-checkin-latency .figure");
        Eventually.until(Duration.ofSeconds(60), "the rollup's kpi message reaches the page", () -> {
            stack.triggerSchedule("KpiRollupFunction");
            return latency.textContent().matches("\\S+ (ms|s|min) / \\S+ (ms|s|min)");
        });
        assertThat(page.locator("#tile-door-to-seat .figure")).not().hasText("–");
        assertThat(page.locator("#tile-checkin-latency .note")).hasText(Pattern.compile("target|no data"));
        page.screenshot(new Page.ScreenshotOptions().setPath(SIMULATOR_SCREENSHOT).setFullPage(true));
    }
}
