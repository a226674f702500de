package io.seatpilot.local.it.checkin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.seatpilot.local.it.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Ops Live dashboard in a real browser (Debian's Chromium, headless) against the local stack: sign in with an
 * ops token, follow an event, and watch the tiles and the feed change when guests check in at the door.
 */
class DashboardBrowserTest {

    /** Debian's package; .ci/run installs it. Playwright never downloads a browser here. */
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void browser() {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM + " (.ci/run installs it)");
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true));
    }

    @AfterAll
    static void close() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void tilesAndFeedFollowCheckinsLive() throws Exception {
        Door door = Door.setUp("dashboard");
        Tenant.Key kiosk = door.tenant.kioskKey();
        Page page = browser.newPage();
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
    }
}
