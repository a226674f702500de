package io.seatpilot.local.it.checkin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.ChromiumSession;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * The Ops Live dashboard in Spanish and English (issue 13 item 6) with the RSVP answers per stop (issue 15 item 5):
 * guests of a two-stop wedding answer through the RSVP API, then the page is read at {@code ?lang=en} and
 * {@code ?lang=es} in a browser whose own language is the other one (the query wins), its words and the RSVP
 * tile's figures checked in each, axe-core run on each, and a screenshot of each kept
 * ({@code target/dashboard-en.png}, {@code target/dashboard-es.png}).
 */
class DashboardLanguagesBrowserTest {

    private static final String EVENT = "boda-ops";
    private static final LocatorAssertions.HasTextOptions LIVE = new LocatorAssertions.HasTextOptions().setTimeout(15_000);

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    /** What each language must show; the figures are the same in both. */
    private record Words(String lang, String browserLocale, String live, String rsvpTitle, String awaiting, String companions,
                         String noAlerts, String heading) {
    }

    @Test
    void theDashboardSpeaksBothLanguagesAndCountsRsvpsPerStop() throws Exception {
        Tenant tenant = Tenant.create("dashlang");
        weddingWithAnswers(tenant);
        String ops = tenant.token("ops");
        var stack = tenant.stack();
        for (Words words : List.of(
                new Words("en", "es-ES", "● live", "RSVP per stop", "Awaiting", "1 companion announced", "✓ no open alerts",
                        "Headcount per zone"),
                new Words("es", "en-GB", "● en vivo", "Confirmaciones por etapa", "Sin respuesta", "1 acompañante anunciado",
                        "✓ sin alertas abiertas", "Aforo por zona"))) {
            Page page = chromium.browser().newPage(new Browser.NewPageOptions().setLocale(words.browserLocale()));
            page.navigate(stack.httpEndpoint().resolve("/ops/?lang=" + words.lang() + "&ws=" + stack.wsEndpoint()).toString());
            page.locator("#token").fill(ops);
            page.locator("#event").fill(EVENT);
            page.locator("#signin button[type=submit]").click();
            assertThat(page.locator("#status")).hasText(words.live(), LIVE);
            assertThat(page.locator("html")).hasAttribute("lang", words.lang());
            assertThat(page.locator("#zones-title")).hasText(words.heading());
            assertThat(page.locator("#safety-alerts li").first()).hasText(words.noAlerts(), LIVE);
            assertThat(page.locator("#languages a[hreflang=" + words.lang() + "]")).hasAttribute("aria-current", "true");

            Locator tile = page.locator("#tile-rsvp");
            assertThat(tile.locator("h2")).hasText(words.rsvpTitle());
            assertThat(tile.locator("thead th").nth(3)).hasText(words.awaiting());
            // confirmed / declined / awaiting per stop, in the event's order of stops
            Locator ceremony = tile.locator("tbody tr[data-stop=ceremonia]");
            assertThat(ceremony.locator("th")).hasText("Ceremonia", LIVE);
            assertThat(ceremony.locator("td")).hasText(new String[] {"2", "1", "0"});
            assertThat(tile.locator("tbody tr[data-stop=banquete] td")).hasText(new String[] {"0", "1", "2"});
            assertThat(tile.locator("tbody tr").first()).hasAttribute("data-stop", "ceremonia");
            assertThat(tile.locator(".note")).hasText(words.companions());

            DoorAppBrowserTest.assertNoSeriousAccessibilityViolations(page);
            Path screenshot = Path.of("target", "dashboard-" + words.lang() + ".png");
            Files.createDirectories(screenshot.getParent());
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true));
            page.close();
        }
    }

    /** Without {@code ?lang=} the browser's language decides; the switch then changes it and the screen stays signed in. */
    @Test
    void theBrowsersLanguageFirstThenTheSwitch() {
        Tenant tenant = Tenant.create("dashlang");
        weddingWithAnswers(tenant);
        var stack = tenant.stack();
        Page page = chromium.browser().newPage(new Browser.NewPageOptions().setLocale("es-MX"));
        page.navigate(stack.httpEndpoint().resolve("/ops/?ws=" + stack.wsEndpoint()).toString());
        assertThat(page.locator("#signin button[type=submit]")).hasText("Seguir el evento");
        page.locator("#token").fill(tenant.token("ops"));
        page.locator("#event").fill(EVENT);
        page.locator("#signin button[type=submit]").click();
        assertThat(page.locator("#status")).hasText("● en vivo", LIVE);

        page.locator("#languages a[hreflang=en]").click();
        page.waitForURL("**lang=en**");
        assertThat(page.locator("#status")).hasText("● live", LIVE);
        assertThat(page.locator("#tile-rsvp h2")).hasText("RSVP per stop");
        assertThat(page.locator("#tile-rsvp tbody tr[data-stop=banquete] td").nth(2)).hasText("2", LIVE);
        page.close();
    }

    /**
     * Issue 15 item 5 live: an answer given while the dashboard is open reaches the RSVP tile through Ops Live's
     * {@code rsvp} message, with no reconnect and no new KPI read (the page reads the KPIs only when it
     * (re)synchronises, so a refresh that came from a resync would show up as one more read).
     */
    @Test
    void theRsvpTileFollowsAnswersWithoutReconnecting() {
        Tenant tenant = Tenant.create("dashrsvp");
        Map<String, String> tokens = weddingWithAnswers(tenant);
        var stack = tenant.stack();
        Page page = chromium.browser().newPage(new Browser.NewPageOptions().setLocale("en-GB"));
        java.util.concurrent.atomic.AtomicInteger kpiReads = new java.util.concurrent.atomic.AtomicInteger();
        page.onRequest(request -> {
            if (request.url().contains("/kpis")) {
                kpiReads.incrementAndGet();
            }
        });
        page.navigate(stack.httpEndpoint().resolve("/ops/?lang=en&ws=" + stack.wsEndpoint()).toString());
        page.locator("#token").fill(tenant.token("ops"));
        page.locator("#event").fill(EVENT);
        page.locator("#signin button[type=submit]").click();
        assertThat(page.locator("#status")).hasText("● live", LIVE);
        Locator banquet = page.locator("#tile-rsvp tbody tr[data-stop=banquete] td");
        assertThat(banquet).hasText(new String[] {"0", "1", "2"}, LIVE);
        int readsBefore = kpiReads.get();

        answer(tenant, tokens.get("p1"), Map.of("responses", List.of(Map.of("guest_id", "p1", "stop_id", "banquete", "status", "yes"))));

        assertThat(banquet).hasText(new String[] {"1", "1", "1"}, LIVE);
        assertThat(page.locator("#status")).hasText("● live");
        assertEquals(readsBefore, kpiReads.get(), "the tile changed from the pushed counts, not from a new KPI read");
        page.close();
    }

    /**
     * A two-stop wedding: the Vidal household (Lucía to both stops with one companion allowed, Tomás to the ceremony
     * only), Sara to both, Pía to the banquet only. Ceremony: Lucía and Tomás yes, Sara no. Banquet: Lucía no, Sara
     * and Pía silent. So ceremony 2 / 1 / 0 and banquet 0 / 1 / 2, one companion announced.
     */
    private static Map<String, String> weddingWithAnswers(Tenant tenant) {
        String admin = tenant.adminToken();
        Map<String, Object> event = new HashMap<>(Map.of("name", "Boda de Lucía", "kind", "wedding", "timezone", "Europe/Madrid",
                "default_locale", "es",
                "zones", List.of(Map.of("id", "za", "name", "Jardín", "letter", "A", "color", "#2E8B57", "capacity", 50)),
                "exits", List.of(Map.of("id", "x1", "name", "Norte", "status", "OPEN")),
                "stops", List.of(Map.of("id", "ceremonia", "name", "Ceremonia", "venue", "Ermita"),
                        Map.of("id", "banquete", "name", "Banquete", "venue", "Finca"))));
        assertEquals(201, tenant.api().withToken(admin, "PUT", "/v1/events/" + EVENT, event).status());
        var tables = tenant.api().withToken(admin, "PUT", "/v1/events/" + EVENT + "/tables", Map.of("tables", List.of(
                Map.of("id", "t1", "label", "A-1", "zone", "za", "capacity", 8, "shape", "round"))));
        assertEquals(200, tables.status(), tables.body());
        var imported = tenant.api().withToken(admin, "PUT", "/v1/events/" + EVENT + "/guests", Map.of(
                "guests", List.of(
                        Map.of("id", "m1", "first_name", "Lucía", "last_name", "Vidal", "household_id", "hv", "max_companions", 1,
                                "table_id", "t1"),
                        Map.of("id", "m2", "first_name", "Tomás", "last_name", "Vidal", "household_id", "hv",
                                "stops", List.of("ceremonia")),
                        Map.of("id", "s1", "first_name", "Sara", "last_name", "Gil", "table_id", "t1"),
                        Map.of("id", "p1", "first_name", "Pía", "last_name", "Mora", "stops", List.of("banquete"), "table_id", "t1")),
                "households", List.of(Map.of("id", "hv", "name", "Familia Vidal"))));
        assertEquals(200, imported.status(), imported.body());
        assertEquals(4, imported.json().get("imported").asInt(), imported.body());
        var passes = tenant.api().withToken(admin, "POST", "/v1/events/" + EVENT + "/passes", Map.of("households", true));
        assertEquals(201, passes.status(), passes.body());
        Map<String, String> tokens = new HashMap<>();
        for (JsonNode pass : passes.json().get("passes")) {
            tokens.put(pass.has("household_id") ? pass.get("household_id").asText() : pass.get("guest_id").asText(),
                    pass.get("token").asText());
        }
        answer(tenant, tokens.get("hv"), Map.of("responses", List.of(
                Map.of("guest_id", "m1", "stop_id", "ceremonia", "status", "yes"),
                Map.of("guest_id", "m1", "stop_id", "banquete", "status", "no"),
                Map.of("guest_id", "m2", "stop_id", "ceremonia", "status", "yes")), "companions", 1));
        answer(tenant, tokens.get("s1"), Map.of("responses", List.of(Map.of("guest_id", "s1", "stop_id", "ceremonia", "status", "no"))));
        return tokens;
    }

    private static void answer(Tenant tenant, String token, Object body) {
        Api.Answer answer = tenant.api().send("POST", "/v1/rsvp/" + token, Json.write(body).getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/json"));
        assertEquals(200, answer.status(), answer.body());
    }
}
