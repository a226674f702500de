package io.seatpilot.local.it.checkin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.seatpilot.local.it.checkin.DoorAppBrowserTest.SLOW;
import static io.seatpilot.local.it.checkin.DoorAppBrowserTest.assertNoSeriousAccessibilityViolations;
import static io.seatpilot.local.it.checkin.DoorAppBrowserTest.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.seatpilot.local.it.ChromiumSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Staff at the door of a wedding with two stops (SPEC §16) pick the stop they check guests in at: the door list,
 * the card and the check-ins follow the pick, and the pick survives a reload. Tia is invited to the ceremony only,
 * Leo to both; the ceremony has no seating.
 */
class DoorStopPickerBrowserTest {

    private static final String RECEPTION = StopCheckinTest.EVENT + "#STOP#reception";
    private static final LocatorAssertions.IsVisibleOptions VISIBLE = new LocatorAssertions.IsVisibleOptions().setTimeout(20_000);

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    @Test
    void staffPickTheStopTheyCheckGuestsInAt() throws Exception {
        StopCheckinTest.Wedding wedding = StopCheckinTest.Wedding.setUp("doorpicker");
        Browser browser = chromium.launch(List.of());
        Page page = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")).newPage();
        page.navigate(wedding.tenant().stack().httpEndpoint().resolve("/door/?lang=en").toString());
        page.locator("#local-tenant").fill(wedding.tenant().id());
        page.locator("#local-token").click();
        assertThat(page.locator("#staff-token")).not().hasValue("");
        page.locator("#staff-event").fill(StopCheckinTest.EVENT);
        page.locator("#staff-form button[type=submit]").click();

        Locator picker = page.locator("#stop-select");
        assertThat(page.locator("#stop-picker")).isVisible(VISIBLE);
        assertEquals(List.of("Ceremonia", "Banquete"), picker.locator("option").allTextContents());
        assertThat(picker).hasValue("ceremony");

        // the ceremony: no seating, so the card names no table
        scan(page, wedding.passes().get("g-tia"));
        Locator card = page.locator("#answer .card.ok");
        assertThat(card.locator(".name")).hasText("Tia R.", SLOW);
        assertThat(card.locator(".direction")).hasText("Welcome! Please sit where you like");

        // the reception: Tia is not invited there, Leo is seated at B-12
        String ceremonyList = page.locator("body").getAttribute("data-door-list");
        picker.selectOption("reception");
        // the reception's own list replaces the ceremony's (another version: the stop is part of it)
        page.waitForCondition(() -> !ceremonyList.equals(page.locator("body").getAttribute("data-door-list")));
        scan(page, wedding.passes().get("g-tia"));
        assertThat(page.locator("#answer .card.problem.notinvited")).isVisible(VISIBLE);
        scan(page, wedding.passes().get("g-leo"));
        assertThat(card.locator(".name")).hasText("Leo P.", SLOW);
        assertThat(card.locator(".table")).hasText("B-12");
        // the door's recent check-ins say where each one counts
        Locator recent = page.locator("#recent li[data-status=confirmed]");
        assertThat(recent.filter(new Locator.FilterOptions().setHasText("Leo P.")).locator(".stop")).hasText("at Banquete");
        assertThat(recent.filter(new Locator.FilterOptions().setHasText("Tia R.")).locator(".stop")).hasText("at Ceremonia");
        Files.createDirectories(Path.of("target"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "door-stop-picker-en.png")).setFullPage(true));

        String tenant = wedding.tenant().id();
        assertTrue(wedding.store().state(tenant, StopCheckinTest.EVENT, "g-tia").isPresent(), "Tia in at the ceremony");
        assertTrue(wedding.store().state(tenant, RECEPTION, "g-leo").isPresent(), "Leo in at the reception");
        assertEquals(Optional.empty(), wedding.store().state(tenant, RECEPTION, "g-tia"));
        assertEquals(Optional.empty(), wedding.store().state(tenant, StopCheckinTest.EVENT, "g-leo"));

        // the pick is the door's own: a reload (here in Spanish) keeps checking guests in at the reception
        page.navigate(wedding.tenant().stack().httpEndpoint().resolve("/door/?lang=es").toString());
        assertThat(page.locator("#stop-picker")).isVisible(VISIBLE);
        assertThat(page.locator("#stop-picker label")).hasText("Registrando invitados en");
        assertThat(page.locator("#stop-select")).hasValue("reception");
        assertThat(page.locator("#recent li[data-status=confirmed]").filter(new Locator.FilterOptions().setHasText("Leo P."))
                .locator(".stop")).hasText("en Banquete");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "door-stop-picker-es.png")).setFullPage(true));
        assertNoSeriousAccessibilityViolations(page);
    }
}
