package io.seatpilot.local.it.checkin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.ChromiumSession;
import io.seatpilot.local.it.SharedStack;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * The hosted sign-in (authorization code + PKCE, clients/js/seatpilot-signin.mjs) in Chromium through the local
 * stack's stand-in, opened with {@code ?signin=hosted}: the door app in staff mode and the dashboard each go to the
 * sign-in form, come back with a code, exchange it and make authorised calls (a check-in; Ops Live); the tokens are
 * in the tab's sessionStorage only; the dashboard refreshes a token near expiry and signs out through the logout
 * endpoint; an answer whose state was changed is refused by each app before any code is exchanged.
 */
class HostedSignInBrowserTest {

    private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(20_000);
    private static final String TOKEN_ENDPOINT = "/local/oauth2/token";
    private static final String SESSION = "() => JSON.stringify({ local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort() })";

    /** The names of the fields the door keeps in IndexedDB for its device. */
    private static final String STORED_DEVICE_FIELDS = """
            async () => {
              const db = await new Promise((ok, ko) => { const r = indexedDB.open('seatpilot-door'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
              const device = await new Promise((ok) => { const r = db.transaction('config').objectStore('config').get('device'); r.onsuccess = () => ok(r.result); });
              return Object.keys(device).join(',');
            }""";

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    private final LocalStack stack = SharedStack.get();

    @Test
    void staffSignInAtTheDoorThroughTheHostedSignInAndCheckAGuestIn() {
        Door door = Door.setUp("signindoor");
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-GB"))) {
            Page page = context.newPage();
            List<String> grants = grants(page);
            page.navigate(stack.httpEndpoint().resolve("/door/?signin=hosted").toString());
            assertThat(page.locator("#staff-hosted")).isVisible();
            assertThat(page.locator("#staff-token")).isHidden();
            assertThat(page.locator("#local-staff")).isHidden();
            page.locator("#staff-event").fill(Door.EVENT);
            page.locator("#staff-form button[type=submit]").click();

            signInAtTheStandIn(page, door.tenant.id(), "luis@example.org", "staff", "signin-standin-form.png");
            assertThat(page.locator("#who")).hasText("Staff · event " + Door.EVENT, SLOW);
            assertEquals(List.of("authorization_code"), grants, "one code exchanged");
            assertTrue(page.url().endsWith("/door/"), "the code and state left the address bar: " + page.url());
            assertEquals("{\"local\":[],\"session\":[\"seatpilot.signin.auth\",\"seatpilot.signin.hosted\",\"seatpilot.signin.tokens\"]}",
                    page.evaluate(SESSION), "the tokens are in the tab's sessionStorage, nothing in localStorage");
            assertEquals("mode,signIn,tenant,event", page.evaluate(STORED_DEVICE_FIELDS), "IndexedDB keeps the door's state, not the token");

            DoorAppBrowserTest.scan(page, door.codes.get("g2"));
            assertThat(page.locator("#answer .card.ok .name")).hasText("Ana O.", SLOW);
            assertTrue(door.store().state(door.tenant.id(), Door.EVENT, "g2").isPresent(), "Ana checked in with the hosted token");
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "signin-door-staff.png")).setFullPage(true));

            // reloaded with no network (no /config.json): the tab's sign-in carries on, the door works from its list
            page.waitForFunction("navigator.serviceWorker.controller !== null");
            context.setOffline(true);
            page.reload();
            assertThat(page.locator("#who")).hasText("Staff · event " + Door.EVENT, SLOW);
            assertThat(page.locator("#door")).isVisible();
            context.setOffline(false);
        }
    }

    @Test
    void theDashboardSignsInFollowsAnEventRefreshesAndSignsOut() {
        Door door = Door.setUp("signinops");
        try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-GB"))) {
            Page page = context.newPage();
            List<String> grants = grants(page);
            page.navigate(stack.httpEndpoint().resolve("/ops/?signin=hosted").toString());
            assertThat(page.locator("#hosted-note")).isVisible();
            assertThat(page.locator("#token")).isHidden();
            page.locator("#event").fill(Door.EVENT);
            page.locator("#signin button[type=submit]").click();

            signInAtTheStandIn(page, door.tenant.id(), "olga@example.org", "ops", null);
            assertThat(page.locator("#status")).hasText("● live", SLOW);
            assertThat(page.locator("#tile-checked-in .figure")).hasText("0 / 6", SLOW);
            assertThat(page.locator("#sign-out")).isVisible();
            assertEquals(List.of("authorization_code"), grants);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "signin-dashboard.png")).setFullPage(true));

            // a token a minute from expiry is refreshed before the page uses it again
            page.evaluate("() => { const s = JSON.parse(sessionStorage.getItem('seatpilot.signin.tokens')); s.expiresAt = Date.now() + 60000;"
                    + " sessionStorage.setItem('seatpilot.signin.tokens', JSON.stringify(s)); }");
            page.reload();
            assertThat(page.locator("#status")).hasText("● live", SLOW);
            assertEquals(List.of("authorization_code", "refresh_token"), grants);
            assertTrue(((Number) page.evaluate("() => JSON.parse(sessionStorage.getItem('seatpilot.signin.tokens')).expiresAt - Date.now()"))
                    .longValue() > 50 * 60 * 1000, "the refreshed token lives an hour");

            Request logout = page.waitForRequest(r -> r.url().contains("/local/oauth2/logout?"), () -> page.locator("#sign-out").click());
            assertTrue(logout.url().contains("logout_uri=" + java.net.URLEncoder.encode(stack.httpEndpoint() + "/ops/", StandardCharsets.UTF_8)),
                    logout.url());
            page.waitForURL(stack.httpEndpoint() + "/ops/");
            assertThat(page.locator("#hosted-note")).isVisible();
            assertThat(page.locator("#sign-out")).isHidden();
            assertEquals("{\"local\":[],\"session\":[\"seatpilot.signin.auth\",\"seatpilot.signin.hosted\"]}", page.evaluate(SESSION), "signed out: no tokens");
        }
    }

    @Test
    void anAnswerWhoseStateWasChangedIsRefusedByBothApps() {
        Door door = Door.setUp("signinstate");
        for (String app : List.of("door", "ops")) {
            try (BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-GB"))) {
                Page page = context.newPage();
                List<String> grants = grants(page);
                page.navigate(stack.httpEndpoint().resolve("/" + app + "/?signin=hosted").toString());
                page.locator(app.equals("door") ? "#staff-event" : "#event").fill(Door.EVENT);
                page.locator(app.equals("door") ? "#staff-form button[type=submit]" : "#signin button[type=submit]").click();
                page.locator("input[name=tenant]").waitFor();
                // as if someone else's sign-in answer were planted on this tab: the stand-in sends back what it was given
                page.evaluate("() => { document.querySelector('input[name=state]').value = 'planted-' + crypto.randomUUID(); }");
                fillStandIn(page, door.tenant.id(), "mallory@example.org", app.equals("door") ? "staff" : "ops");
                page.waitForURL("**/" + app + "/");
                assertThat(page.locator(app.equals("door") ? "#setup-error" : "#signin-error"))
                        .hasText("Sign-in did not complete. Please sign in again.", SLOW);
                assertEquals(List.of(), grants, app + ": no code exchanged");
                assertEquals("{\"local\":[],\"session\":[\"seatpilot.signin.auth\",\"seatpilot.signin.hosted\"]}", page.evaluate(SESSION), app + ": nobody signed in");
                if (app.equals("door")) {
                    assertThat(page.locator("#setup")).isVisible();
                    assertThat(page.locator("#door")).isHidden();
                } else {
                    assertThat(page.locator("#board")).isHidden();
                }
            }
        }
    }

    /** At the stand-in's form (after the app's redirect): fills it, submits, and waits for the app again. */
    private static void signInAtTheStandIn(Page page, String tenant, String user, String group, String screenshot) {
        page.waitForURL("**/local/oauth2/authorize?**");
        String url = URLDecoder.decode(page.url(), StandardCharsets.UTF_8);
        assertTrue(url.contains("code_challenge_method=S256") && url.contains("response_type=code"), url);
        if (screenshot != null) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", screenshot)).setFullPage(true));
        }
        fillStandIn(page, tenant, user, group);
    }

    private static void fillStandIn(Page page, String tenant, String user, String group) {
        page.locator("input[name=tenant]").fill(tenant);
        page.locator("input[name=user]").fill(user);
        page.locator("input[name=group_" + group + "]").check();
        page.locator("form button[type=submit]").click();
    }

    /** The grant types the page sends to the token endpoint, in order. */
    private static List<String> grants(Page page) {
        List<String> grants = new CopyOnWriteArrayList<>();
        page.onRequest((Request request) -> {
            if (request.url().contains(TOKEN_ENDPOINT) && request.method().equals("POST")) {
                String body = request.postData() == null ? "" : request.postData();
                for (String pair : body.split("&")) {
                    if (pair.startsWith("grant_type=")) {
                        grants.add(pair.substring("grant_type=".length()));
                    }
                }
            }
        });
        return grants;
    }
}
