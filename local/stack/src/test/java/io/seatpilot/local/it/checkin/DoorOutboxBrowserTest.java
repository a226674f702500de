package io.seatpilot.local.it.checkin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.seatpilot.local.it.checkin.DoorAppBrowserTest.SLOW;
import static io.seatpilot.local.it.checkin.DoorAppBrowserTest.assumeDoorList;
import static io.seatpilot.local.it.checkin.DoorAppBrowserTest.pairKiosk;
import static io.seatpilot.local.it.checkin.DoorAppBrowserTest.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.seatpilot.core.devices.CachedDeviceKeys;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.ChromiumSession;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * The door's outbox in the browser (issue 13): what the server refuses stays on the device, shown as refused with
 * its reason, out of the waiting count, and can be sent again or exported; a staff door's offline scans (a
 * person's token may not call ingest) go up through check-ins, each guest once; and a kiosk moved to another stop
 * while offline learns its scans' outcome at the stop it made them at.
 */
class DoorOutboxBrowserTest {

    private static final LocatorAssertions.HasAttributeOptions LONG = new LocatorAssertions.HasAttributeOptions().setTimeout(30_000);

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    /** Changes one field of a queued envelope in IndexedDB, as an older app version might have written it. */
    private static final String SET_MODE = """
            async ([guestId, mode]) => {
              const db = await new Promise((ok, ko) => { const r = indexedDB.open('seatpilot-door'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
              const items = await new Promise((ok) => { const r = db.transaction('outbox').objectStore('outbox').getAll(); r.onsuccess = () => ok(r.result); });
              const item = items.find((i) => i.envelope.payload.guest_id === guestId);
              item.envelope.payload.mode = mode;
              await new Promise((ok) => { const tx = db.transaction('outbox', 'readwrite'); tx.objectStore('outbox').put(item); tx.oncomplete = ok; });
              return item.id;
            }""";

    private static final String OUTBOX = """
            async () => {
              const db = await new Promise((ok, ko) => { const r = indexedDB.open('seatpilot-door'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
              const items = await new Promise((ok) => { const r = db.transaction('outbox').objectStore('outbox').getAll(); r.onsuccess = () => ok(r.result); });
              return JSON.stringify(items.map((i) => ({ guest: i.envelope.payload.guest_id, refused: i.refused?.reason ?? null })));
            }""";

    private static final String KEY_ID = """
            async () => {
              const db = await new Promise((ok, ko) => { const r = indexedDB.open('seatpilot-door'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
              return await new Promise((ok) => { const r = db.transaction('config').objectStore('config').get('device'); r.onsuccess = () => ok(r.result.keyId); });
            }""";

    @Test
    void whatTheServerRefusesStaysOnTheKioskAsRefusedAndCanBeSentAgainOrExported() throws Exception {
        assumeDoorList();
        Door door = Door.setUp("doorrefused");
        Browser browser = chromium.launch(List.of());
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB").setAcceptDownloads(true));
        Page kiosk = pairKiosk(context, door, "door-refuse");
        assertThat(kiosk.locator("#list-state")).containsText("guests", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        kiosk.evaluate("async () => { await navigator.serviceWorker.ready; return true; }");

        context.setOffline(true);
        assertThat(kiosk.locator("#net")).hasAttribute("data-online", "false");
        for (String guest : List.of("g1", "g2", "h1a")) {
            scan(kiosk, door.passes.get(guest));
            assertThat(kiosk.locator("#answer .card")).containsText("offline");
        }
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", "3");
        // Ana's envelope as the server will not take it (an enum it does not know): ingest answers 207, her item rejected
        kiosk.evaluate(SET_MODE, List.of("g2", "teleport"));

        context.setOffline(false);
        Locator refused = kiosk.locator("#refused");
        assertThat(refused).hasAttribute("data-count", "1", LONG);
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", "0", LONG);
        assertThat(kiosk.locator("#waiting")).hasText("All scans uploaded");
        assertThat(refused).isVisible();
        assertThat(kiosk.locator("#refused-title")).hasText("1 scans refused by the server");
        Locator ana = kiosk.locator("#refused-items li");
        assertThat(ana).containsText("Ana O.");
        assertThat(ana).containsText("not valid");
        String reason = ana.getAttribute("data-reason");
        assertThat(kiosk.locator("#recent li[data-status=refused]")).containsText("Ana O.");
        assertEquals(List.of(Map.of("guest", "g2", "refused", reason)), outbox(kiosk), "the refused scan is still in the outbox");
        Eventually.until(Duration.ofSeconds(60), "the worker applied the two good scans",
                () -> door.store().state(door.tenant.id(), Door.EVENT, "g1").isPresent()
                        && door.store().state(door.tenant.id(), Door.EVENT, "h1a").isPresent());
        assertTrue(door.store().state(door.tenant.id(), Door.EVENT, "g2").isEmpty(), "the refused scan did not count");

        Download download = kiosk.waitForDownload(() -> kiosk.locator("#refused-export").click());
        JsonNode exported = Json.MAPPER.readTree(Files.readString(download.path()));
        assertEquals(1, exported.get("refused").size());
        assertEquals("g2", exported.get("refused").get(0).get("envelope").get("payload").get("guest_id").asText());
        assertEquals(reason, exported.get("refused").get(0).get("refused").get("reason").asText());
        assertEquals(List.of(Map.of("guest", "g2", "refused", reason)), outbox(kiosk), "exporting keeps it");

        // sent again unchanged: refused again (a newer refusal), and the counts stay right
        double before = refusedAt(kiosk);
        kiosk.locator("#refused-retry").click();
        Eventually.until(Duration.ofSeconds(30), "refused again", () -> refusedAt(kiosk) > before);
        assertThat(refused).hasAttribute("data-count", "1", LONG);
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", "0");
        assertEquals(List.of(Map.of("guest", "g2", "refused", reason)), outbox(kiosk));

        // in Spanish, after a reload: the same refusal, in the volunteer's language
        kiosk.navigate(door.tenant.stack().httpEndpoint().resolve("/door/?lang=es").toString());
        assertThat(kiosk.locator("#refused-title")).hasText("1 escaneos rechazados por el servidor", SLOW);
        assertThat(kiosk.locator("#refused-items li")).containsText("no era válido");
        assertThat(kiosk.locator("#refused-retry")).hasText("Enviar de nuevo");

        // once the envelope is one the server takes (a fixed app), sending again checks Ana in
        kiosk.evaluate(SET_MODE, List.of("g2", "qr"));
        kiosk.locator("#refused-retry").click();
        Eventually.until(Duration.ofSeconds(30), "the outbox emptied", () -> outbox(kiosk).isEmpty());
        assertThat(refused).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(30_000));
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", "0", LONG);
        Eventually.until(Duration.ofSeconds(60), "Ana checked in after the retry",
                () -> door.store().state(door.tenant.id(), Door.EVENT, "g2").isPresent());

        // a whole batch refused: the kiosk's key is revoked while it is offline (401 key_invalid from ingest)
        context.setOffline(true);
        scan(kiosk, door.passes.get("h1b"));
        assertThat(kiosk.locator("#answer .card")).containsText("sin conexión");
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", "1");
        String keyId = (String) kiosk.evaluate(KEY_ID);
        var revoked = door.tenant.api().withToken(door.adminToken, "DELETE", "/v1/devices/door-refuse/keys/" + keyId, null);
        assertTrue(revoked.status() / 100 == 2, revoked.body());
        // an instance may trust a key record it read for this long (SPEC §4's bounded time)
        Thread.sleep(CachedDeviceKeys.DOOR_LIFETIME.toMillis() + 1_000);
        context.setOffline(false);
        assertThat(refused).hasAttribute("data-count", "1", LONG);
        assertThat(kiosk.locator("#refused-items li")).hasAttribute("data-reason", "key_invalid");
        assertThat(kiosk.locator("#refused-items li")).containsText("revocada");
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", "0");
        assertEquals(List.of(Map.of("guest", "h1b", "refused", "key_invalid")), outbox(kiosk));

        // the volunteer unpairs to pair again: asked first (declining keeps everything), then the scan leaves as a file
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        kiosk.onceDialog(dialog -> { asked.add(dialog.message()); dialog.dismiss(); });
        kiosk.locator("#sign-out").click();
        // Playwright delivers the dialog event only while the test is inside one of its calls: wait through one
        kiosk.waitForCondition(() -> asked.size() == 1, new Page.WaitForConditionOptions().setTimeout(10_000));
        assertTrue(asked.getFirst().startsWith("1 escaneos"), asked.getFirst());
        assertEquals(List.of(Map.of("guest", "h1b", "refused", "key_invalid")), outbox(kiosk), "declining keeps the scan");
        kiosk.onceDialog(Dialog::accept);
        Download unsent = kiosk.waitForDownload(() -> kiosk.locator("#sign-out").click());
        JsonNode saved = Json.MAPPER.readTree(Files.readString(unsent.path()));
        assertEquals("h1b", saved.get("unsent").get(0).get("envelope").get("payload").get("guest_id").asText());
        assertEquals("key_invalid", saved.get("unsent").get(0).get("refused").get("reason").asText());
    }

    /**
     * A staff door (signed in, no device key) goes offline: its scans wait in the outbox, survive a reload, and go up
     * through POST …/checkins with their original ids once the network is back — each guest checked in once.
     */
    @Test
    void aStaffDoorsOfflineScansGoUpThroughCheckInsOnceEach() {
        assumeDoorList();
        Door door = Door.setUp("doorstaffq");
        Browser browser = chromium.launch(List.of());
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB"));
        Page page = context.newPage();
        page.navigate(door.tenant.stack().httpEndpoint().resolve("/door/?lang=en").toString());
        page.locator("#local-tenant").fill(door.tenant.id());
        page.locator("#local-token").click();
        assertThat(page.locator("#staff-token")).not().hasValue("");
        page.locator("#staff-event").fill(Door.EVENT);
        page.locator("#staff-form button[type=submit]").click();
        assertThat(page.locator("#who")).hasText("Staff · event " + Door.EVENT, SLOW);
        assertThat(page.locator("#list-state")).containsText("guests", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        page.evaluate("async () => { await navigator.serviceWorker.ready; return true; }");

        context.setOffline(true);
        assertThat(page.locator("#net")).hasAttribute("data-online", "false");
        scan(page, door.passes.get("g1"));
        assertThat(page.locator("#answer .card.ok .name")).hasText("José N.", SLOW);
        scan(page, door.codes.get("g2"));
        assertThat(page.locator("#answer .card.ok .name")).hasText("Ana O.", SLOW);
        scan(page, door.passes.get("h1a"));
        assertThat(page.locator("#answer .card.ok .name")).hasText("Marta R.", SLOW);
        scan(page, door.passes.get("g1"));
        assertThat(page.locator("#answer .card.problem.already")).isVisible();
        assertThat(page.locator("#waiting")).hasAttribute("data-count", "3");

        page.reload();
        assertThat(page.locator("#door")).isVisible();
        assertThat(page.locator("#net")).hasAttribute("data-online", "false");
        assertThat(page.locator("#waiting")).hasText("3 scans waiting to upload");
        List<Map<String, Object>> queued = outbox(page);
        assertEquals(3, queued.size(), queued::toString);

        context.setOffline(false);
        assertThat(page.locator("#waiting")).hasAttribute("data-count", "0", LONG);
        assertThat(page.locator("#waiting")).hasText("All scans uploaded");
        assertThat(page.locator("#refused")).isHidden();
        assertThat(page.locator("#recent li[data-status=confirmed]")).hasCount(3, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
        // one stop: nothing to tell apart
        assertThat(page.locator("#recent .stop")).hasCount(0);
        for (String guest : List.of("g1", "g2", "h1a")) {
            var state = door.store().state(door.tenant.id(), Door.EVENT, guest);
            assertTrue(state.isPresent(), guest + " checked in");
        }
        assertEquals(3, door.store().checkins(door.tenant.id(), Door.EVENT).size(), "each guest once");
        assertEquals(3, door.counters().checkedIn(), "and counted once");
    }

    /**
     * A kiosk at the ceremony scans Tia offline, is carried to the reception and moved there by an admin, and scans
     * Leo before the network returns, its list still the ceremony's. The server applies each scan at the stop the
     * kiosk was set to when it was made — Tia at the ceremony, Leo at the reception — and the kiosk learns both
     * outcomes where they count, rather than leaving Leo waiting for ever.
     */
    @Test
    void aKioskMovedWhileOfflineConfirmsEachScanAtTheStopItWasMadeAt() throws InterruptedException {
        assumeDoorList();
        var wedding = StopCheckinTest.Wedding.setUp("doormoved");
        Tenant.Key key = wedding.kiosk("door-moved", "ceremony");
        Page kiosk = pairedAtTheCeremony(wedding, key, "door-moved", "en");

        context(kiosk).setOffline(true);
        assertThat(kiosk.locator("#net")).hasAttribute("data-online", "false");
        scanQueued(kiosk, wedding, "g-tia", "Tia R.", 1);
        moveToTheReception(wedding, key, "door-moved");
        scanQueued(kiosk, wedding, "g-leo", "Leo P.", 2);

        context(kiosk).setOffline(false);
        assertThat(kiosk.locator("#recent li[data-status=confirmed]")).hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
        assertThat(kiosk.locator("#recent li[data-status=lost]")).hasCount(0);
        // listed where they count (newest first), not where the kiosk's list stood when it scanned them
        assertEquals(List.of("at Banquete", "at Ceremonia"), kiosk.locator("#recent li[data-status=confirmed] .stop").allTextContents());
        assertTrue(wedding.store().state(wedding.tenant().id(), StopCheckinTest.EVENT, "g-tia").isPresent(), "Tia counts at the ceremony");
        assertTrue(wedding.store().state(wedding.tenant().id(), StopCheckinTest.EVENT + "#STOP#reception", "g-leo").isPresent(),
                "Leo counts at the reception");
        assertTrue(wedding.store().state(wedding.tenant().id(), StopCheckinTest.EVENT, "g-leo").isEmpty(), "and not at the ceremony");
    }

    /**
     * The same move the other way round, in Spanish: Leo scanned before the move counts at the ceremony; Tia, scanned
     * after it, is filed at the reception, where she is not invited — the worker refuses her scan, and the kiosk
     * shows it refused with the reason instead of "waiting" for ever, and keeps it listed.
     */
    @Test
    void aScanTheWorkerRefusesShowsRefusedOnTheKioskThatMadeIt() throws InterruptedException {
        assumeDoorList();
        var wedding = StopCheckinTest.Wedding.setUp("doornotinv");
        Tenant.Key key = wedding.kiosk("door-notinv", "ceremony");
        Page kiosk = pairedAtTheCeremony(wedding, key, "door-notinv", "es");

        context(kiosk).setOffline(true);
        assertThat(kiosk.locator("#net")).hasAttribute("data-online", "false");
        scanQueued(kiosk, wedding, "g-leo", "Leo P.", 1);
        moveToTheReception(wedding, key, "door-notinv");
        scanQueued(kiosk, wedding, "g-tia", "Tia R.", 2);

        context(kiosk).setOffline(false);
        Locator tia = kiosk.locator("#recent li[data-status=refused]");
        assertThat(tia).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
        assertThat(tia.locator(".who")).hasText("Tia R.");
        assertThat(tia.locator(".status")).hasText("rechazado");
        assertThat(tia.locator(".detail")).containsText("No está en la lista");
        assertThat(tia.locator(".detail")).containsText("not_invited");
        assertThat(tia.locator(".stop")).hasText("en Banquete");
        assertThat(kiosk.locator("#recent li[data-status=confirmed] .who")).hasText("Leo P.");
        assertThat(kiosk.locator("#recent li[data-status=uploaded]")).hasCount(0);
        // not something the volunteer can send again: the server has it, in the quarantine for the organisers
        assertThat(kiosk.locator("#refused")).isHidden();
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", "0");
        kiosk.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "door-refused-after-upload-es.png"))
                .setFullPage(true));
        assertTrue(wedding.store().state(wedding.tenant().id(), StopCheckinTest.EVENT + "#STOP#reception", "g-tia").isEmpty());

        // Tia's card is still up: undoing it tells the server nothing (it has no check-in of hers) and shows no error
        kiosk.locator("#answer .card button.undo").click();
        assertThat(kiosk.locator("#answer .card.undone")).isVisible();
        assertThat(kiosk.locator("#recent li[data-status=undone] .who")).hasText("Tia R.");
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", "0");
    }

    /** A kiosk of the wedding set to the ceremony, paired by its code, its door list loaded and its app cached. */
    private static Page pairedAtTheCeremony(StopCheckinTest.Wedding wedding, Tenant.Key key, String deviceId, String lang) {
        Browser browser = chromium.launch(List.of());
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB"));
        Page kiosk = context.newPage();
        kiosk.navigate(wedding.tenant().stack().httpEndpoint().resolve("/door/?lang=" + lang).toString());
        kiosk.locator("#pair-code").fill("SPK1." + Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(Map.of(
                "key_id", key.keyId(), "secret", key.secret(), "tenant", wedding.tenant().id(),
                "event", StopCheckinTest.EVENT, "device_id", deviceId)).getBytes(StandardCharsets.UTF_8)));
        kiosk.locator("#pair-form button[type=submit]").click();
        assertThat(kiosk.locator("#door")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        assertThat(kiosk.locator("#list-state")).containsText(lang.equals("es") ? "invitados" : "guests",
                new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        kiosk.evaluate("async () => { await navigator.serviceWorker.ready; return true; }");
        return kiosk;
    }

    private static BrowserContext context(Page page) {
        return page.context();
    }

    /** Scans a guest offline and waits until the scan is queued (its scan time taken), not merely shown. */
    private static void scanQueued(Page kiosk, StopCheckinTest.Wedding wedding, String guestId, String shown, int waiting) {
        scan(kiosk, wedding.passes().get(guestId));
        assertThat(kiosk.locator("#answer .card .name")).hasText(shown);
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", String.valueOf(waiting));
    }

    /** An admin moves the kiosk to the reception; waits until the door knows (its key cache let the old record go). */
    private static void moveToTheReception(StopCheckinTest.Wedding wedding, Tenant.Key key, String deviceId) throws InterruptedException {
        var moved = wedding.tenant().api().withToken(wedding.tenant().adminToken(), "PATCH", "/v1/devices/" + deviceId,
                Map.of("stop_id", "reception"));
        assertEquals(200, moved.status(), moved.body());
        Thread.sleep(CachedDeviceKeys.DOOR_LIFETIME.toMillis() + 1_000);
        assertEquals("reception", wedding.tenant().api().signed(key.signer(), "GET",
                "/v1/events/" + StopCheckinTest.EVENT + "/doorlist", "").json().path("stop_id").asText());
    }

    private static double refusedAt(Page page) {
        return ((Number) page.evaluate(OUTBOX_REFUSED_AT)).doubleValue();
    }

    private static final String OUTBOX_REFUSED_AT = """
            async () => {
              const db = await new Promise((ok, ko) => { const r = indexedDB.open('seatpilot-door'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
              const items = await new Promise((ok) => { const r = db.transaction('outbox').objectStore('outbox').getAll(); r.onsuccess = () => ok(r.result); });
              return Math.max(0, ...items.map((i) => i.refused?.at ?? 0));
            }""";

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> outbox(Page page) {
        try {
            List<Map<String, Object>> items = Json.MAPPER.readValue((String) page.evaluate(OUTBOX), List.class);
            return items.stream().map(item -> item.get("refused") == null ? Map.<String, Object>of("guest", item.get("guest"))
                    : Map.of("guest", item.get("guest"), "refused", item.get("refused"))).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
