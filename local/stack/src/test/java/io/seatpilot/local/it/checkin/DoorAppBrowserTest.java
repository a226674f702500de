package io.seatpilot.local.it.checkin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.it.ChromiumSession;
import io.seatpilot.local.it.Eventually;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.it.Tenant;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * The door app (door/, served at /door/) in Debian's Chromium, headless, against the local stack: an admin pairs
 * a kiosk, the kiosk scans a pass through the camera (Chromium's fake camera films a QR made with ZXing; the
 * page decodes it with its vendored jsQR), by typed short code and by name, and shows the 409/404/403 screens.
 */
class DoorAppBrowserTest {

    static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(20_000);

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    @Test
    void pairsAKioskThatScansByCameraCodeAndNameAndShowsWhyItRefuses() throws Exception {
        Door door = Door.setUp("doorapp");
        URI base = door.tenant.stack().httpEndpoint();
        Path camera = fakeCamera(base.resolve("/p/" + door.passes.get("g1")).toString());
        Browser browser = chromium.launch(List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-video-capture=" + camera.toAbsolutePath()));
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setPermissions(List.of("camera"))
                .setLocale("en-GB"));

        Page kiosk = pairKiosk(context, door, "door-north");
        var stored = Json.read(kiosk.evaluate(STORED_DEVICE).toString());
        assertFalse(stored.get("extractable").asBoolean(), "the HMAC key is kept non-extractable");
        assertFalse(stored.get("exported").asBoolean(), "and cannot be exported");
        assertFalse(stored.get("fields").asText().contains("secret"), "the secret itself is not kept: " + stored);

        // camera: the pass page URL of g1 as a QR, read from the fake camera's frames
        kiosk.locator("#camera-button").click();
        Locator card = kiosk.locator("#answer .card.ok");
        assertThat(card.locator(".name")).hasText("José N.", SLOW);
        assertThat(card.locator(".zone .letter")).hasText("B");
        assertThat(card.locator(".table")).hasText("B-12");
        assertThat(card.locator(".seat")).hasText("3");
        assertThat(card.locator(".direction")).not().isEmpty();
        assertEquals("blue", card.evaluate("c => c.style.getPropertyValue('--zone-color')"), "the zone's colour frames its letter");
        Files.createDirectories(Path.of("target"));
        kiosk.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "door-card-en.png")).setFullPage(true));

        // a hand scanner types the code (lower case, with a hyphen, as people read it out) and presses Enter
        String code = door.codes.get("g2").toLowerCase();
        kiosk.keyboard().type(code.substring(0, 4) + "-" + code.substring(4));
        kiosk.keyboard().press("Enter");
        assertThat(card.locator(".name")).hasText("Ana O.", SLOW);
        assertThat(card.locator(".zone .letter")).hasText("A");

        // by name: one hit, picked from the list; the household's status is on the card
        scan(kiosk, "Marta");
        kiosk.locator("#search-results button", new Page.LocatorOptions().setHasText("Marta R.")).click();
        assertThat(card.locator(".name")).hasText("Marta R.", SLOW);
        assertThat(card.locator(".household")).containsText("1 of");
        assertThat(card.locator(".missing")).containsText("Luis");

        // undo (within 15 minutes): the server no longer holds Marta's check-in
        card.locator("button.undo").click();
        assertThat(kiosk.locator("#answer .undone")).isVisible();
        assertTrue(door.store().state(door.tenant.id(), Door.EVENT, "h1a").isEmpty(), "Marta's check-in was undone");

        // the refusals, each a clear screen of its own
        scan(kiosk, door.passes.get("g1"));
        Locator problem = kiosk.locator("#answer .card.problem");
        assertThat(problem).hasClass(Pattern.compile("already"), new LocatorAssertions.HasClassOptions().setTimeout(20_000));
        assertThat(problem.locator(".detail")).containsText("door-north");
        scan(kiosk, "unknownPassToken0123456789abcdef");
        assertThat(problem).hasClass(Pattern.compile("unknown"), new LocatorAssertions.HasClassOptions().setTimeout(20_000));
        scan(kiosk, door.passes.get("g3"));
        assertThat(problem).hasClass(Pattern.compile("notinvited"), new LocatorAssertions.HasClassOptions().setTimeout(20_000));

        // the server holds exactly what the screen said: José and Ana in, Marta undone, Declan refused
        assertEquals(2, door.store().checkins(door.tenant.id(), Door.EVENT).size());

        // Spanish: the same card, the page's own words in Spanish
        Page spanish = context.newPage();
        spanish.navigate(base.resolve("/door/?lang=es").toString());
        assertThat(spanish.locator("#net")).hasText("● En línea", SLOW);
        scan(spanish, "Luis");
        spanish.locator("#search-results button", new Page.LocatorOptions().setHasText("Luis R.")).click();
        Locator tarjeta = spanish.locator("#answer .card.ok");
        assertThat(tarjeta.locator(".name")).hasText("Luis R.", SLOW);
        assertThat(tarjeta.locator(".welcome")).hasText("Bienvenida/o");
        assertThat(tarjeta.locator("dt").first()).hasText("Mesa");
        spanish.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "door-card-es.png")).setFullPage(true));

        assertNoSeriousAccessibilityViolations(spanish);
        assertNoSeriousAccessibilityViolations(kiosk);
    }

    /** Staff sign in with their own token (locally from the stack's token endpoint) instead of pairing a kiosk. */
    @Test
    void staffSignInWithALocalTokenAndCheckGuestsIn() {
        Door door = Door.setUp("doorstaff");
        Browser browser = chromium.launch(List.of());
        Page page = browser.newContext(new Browser.NewContextOptions().setLocale("es-ES")).newPage();
        page.navigate(door.tenant.stack().httpEndpoint().resolve("/door/").toString());
        page.locator("#local-tenant").fill(door.tenant.id());
        page.locator("#local-token").click();
        assertThat(page.locator("#staff-token")).not().hasValue("");
        page.locator("#staff-event").fill(Door.EVENT);
        page.locator("#staff-form button[type=submit]").click();
        assertThat(page.locator("#who")).hasText("Personal · evento " + Door.EVENT, SLOW);
        scan(page, door.codes.get("g2"));
        assertThat(page.locator("#answer .card.ok .name")).hasText("Ana O.", SLOW);
        assertThat(page.locator("#answer .card.ok .welcome")).hasText("Bienvenida/o");
        assertTrue(door.store().state(door.tenant.id(), Door.EVENT, "g2").isPresent(), "Ana checked in by staff");
    }

    /**
     * A household pass opens the tick list: two of the family arrive first and are checked in together, the others
     * later from the same pass, where those already in are shown and not offered again.
     */
    @Test
    void aHouseholdPassChecksInThoseWhoCameAndTheRestLater() {
        assumeDoorList();
        Door door = Door.setUp("doorhouse");
        Browser browser = chromium.launch(List.of());
        Page kiosk = pairKiosk(browser.newContext(new Browser.NewContextOptions().setLocale("en-GB")), door, "door-south");
        assertThat(kiosk.locator("#list-state")).containsText("guests", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));

        scan(kiosk, door.householdPasses.get("h1"));
        Locator members = kiosk.locator("#household-members li");
        assertThat(kiosk.locator("#household")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        for (String name : List.of("Sofía R.", "Pablo R.")) {
            members.filter(new Locator.FilterOptions().setHasText(name)).locator("input").uncheck();
        }
        kiosk.locator("#household button[type=submit]").click();
        Locator cards = kiosk.locator("#answer .card.ok");
        assertThat(cards).hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(20_000));
        assertThat(cards.locator(".name")).hasText(new String[] {"Marta R.", "Luis R."});
        assertThat(cards.first().locator(".household")).containsText("2 of 4");
        assertThat(cards.first().locator(".missing")).containsText("Sofía, Pablo");

        scan(kiosk, door.householdPasses.get("h1"));
        assertThat(members.filter(new Locator.FilterOptions().setHasText("Marta R.")).locator("input")).isDisabled();
        assertThat(members.filter(new Locator.FilterOptions().setHasText("Marta R."))).containsText("already in");
        assertThat(members.filter(new Locator.FilterOptions().setHasText("Sofía R.")).locator("input")).isChecked();
        kiosk.locator("#household button[type=submit]").click();
        assertThat(cards.locator(".name")).hasText(new String[] {"Sofía R.", "Pablo R."}, new LocatorAssertions.HasTextOptions().setTimeout(20_000));
        assertThat(cards.first().locator(".household")).containsText("4 of 4");
        for (String id : List.of("h1a", "h1b", "h1c", "h1d")) {
            assertTrue(door.store().state(door.tenant.id(), Door.EVENT, id).isPresent(), id);
        }
        assertTrue(door.store().state(door.tenant.id(), Door.EVENT, "h1e").isEmpty(), "the member who declined is not in");
    }

    /**
     * The venue's network drops: the kiosk checks 20 guests in against its door list (by pass, one by short code;
     * two of them scanned twice; one was checked in meanwhile, earlier, by a second kiosk that stayed online), is
     * reloaded while offline, and uploads when the network returns. The server then holds each of the 20 once, the earlier online scan wins
     * for the guest both kiosks took, and that conflict shows on the kiosk and on Ops Live.
     */
    @Test
    void offlineKioskChecksAgainstTheDoorListAndUploadsEachGuestOnce() throws Exception {
        assumeDoorList();
        Door door = Door.setUp("dooroff");
        var stack = door.tenant.stack();
        URI base = stack.httpEndpoint();
        List<String> ids = IntStream.rangeClosed(1, 20).mapToObj(n -> String.format("o%02d", n)).toList();
        door.put("/v1/events/" + Door.EVENT + "/guests", Map.of("guests", ids.stream().map(id -> Map.of("id", id,
                "first_name", "Guest" + id.substring(1), "last_name", "Offline", "rsvp", "confirmed",
                "table_id", id.compareTo("o10") <= 0 ? "t1" : "t12")).toList()), 200);
        Map<String, String> codes = new HashMap<>();
        Map<String, String> passes = issuePasses(door, codes);
        Tenant.Key west = door.tenant.issueKey("door-west", "kiosk");

        Browser browser = chromium.launch(List.of());
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("en-GB"));
        Page kiosk = pairKiosk(context, door, "door-east");
        assertThat(kiosk.locator("#list-state")).containsText("guests", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        kiosk.evaluate("async () => { await navigator.serviceWorker.ready; return true; }");

        Page ops = context.newPage();
        ops.navigate(base.resolve("/ops/?ws=" + stack.wsEndpoint()).toString());
        ops.locator("#token").fill(door.tenant.token("ops"));
        ops.locator("#event").fill(Door.EVENT);
        ops.locator("#signin button[type=submit]").click();
        assertThat(ops.locator("#status")).hasText("● live", SLOW);

        // the kiosk's tab in front again: a background tab gets no animation frames, and the timing marks need them
        kiosk.bringToFront();
        context.setOffline(true);
        assertThat(kiosk.locator("#net")).hasAttribute("data-online", "false");
        // the second kiosk, still online, checks o05 in first: the offline kiosk cannot know
        assertEquals(201, door.checkIn(west, Door.byPass(passes.get("o05"), System.currentTimeMillis())).status());
        List<Double> millis = new ArrayList<>();
        Locator card = kiosk.locator("#answer .card");
        for (String id : ids) {
            // o20 types its short code: the list's PBKDF2 hash, recomputed in the page with the list's salt and cost
            scan(kiosk, id.equals("o20") ? codes.get(id) : passes.get(id));
            assertThat(card.locator(".name")).hasText("Guest" + id.substring(1) + " O.", SLOW);
            assertThat(card).containsText("offline");
            millis.add(scanToCardMillis(kiosk));
            if (id.equals("o03") || id.equals("o11")) {
                scan(kiosk, passes.get(id));
                assertThat(kiosk.locator("#answer .card.problem.already")).isVisible();
            }
        }
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", "20");

        kiosk.reload();
        assertThat(kiosk.locator("#door")).isVisible();
        assertThat(kiosk.locator("#net")).hasAttribute("data-online", "false");
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", "20");
        assertThat(kiosk.locator("#waiting")).hasText("20 scans waiting to upload");

        context.setOffline(false);
        assertThat(kiosk.locator("#waiting")).hasAttribute("data-count", "0",
                new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        Locator lost = kiosk.locator("#recent li[data-status=lost]");
        assertThat(lost).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
        assertThat(lost).containsText("Guest05 O.");
        assertThat(lost).containsText("door-west");

        Eventually.until(Duration.ofSeconds(60), "the worker applied the upload", () -> door.counters().checkedIn() == 20
                && door.store().conflicts(door.tenant.id(), Door.EVENT).size() == 1);
        var states = door.store().checkins(door.tenant.id(), Door.EVENT);
        for (String id : ids) {
            assertEquals(1, door.store().state(door.tenant.id(), Door.EVENT, id).stream().count(), id);
        }
        assertEquals(20, states.size(), "each guest checked in once");
        assertEquals(20, door.counters().checkedIn(), "and counted once");
        assertEquals("door-west", door.store().state(door.tenant.id(), Door.EVENT, "o05").orElseThrow().deviceId(),
                "the earlier online scan counts");
        assertTrue(door.store().state(door.tenant.id(), Door.EVENT, "o06").orElseThrow().deviceId().equals("door-east"));
        var conflicts = door.store().conflicts(door.tenant.id(), Door.EVENT);
        assertEquals(1, conflicts.size(), conflicts::toString);
        assertEquals("o05", conflicts.get(0).get("guest_id").s());
        assertThat(ops.locator("#feed li", new Page.LocatorOptions().setHasText("duplicate scan")).first())
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));

        DoorBench.report("offline scan → card on screen (typed pass, 20 guests)", millis);
    }

    /** Issues every guest's pass again: answers the tokens, and puts the short codes in {@code codes}. */
    private static Map<String, String> issuePasses(Door door, Map<String, String> codes) {
        var issued = door.tenant.api().withToken(door.adminToken, "POST", "/v1/events/" + Door.EVENT + "/passes", Map.of());
        assertEquals(201, issued.status(), issued.body());
        Map<String, String> passes = new HashMap<>();
        issued.json().get("passes").forEach(pass -> {
            passes.put(pass.get("guest_id").asText(), pass.get("token").asText());
            codes.put(pass.get("guest_id").asText(), pass.get("code").asText());
        });
        return passes;
    }

    /** From the page's own marks: the scan's start, and the first frame after the card was in the page. */
    static double scanToCardMillis(Page page) {
        page.waitForFunction("() => Number(document.body.dataset.paintedAt) >= Number(document.body.dataset.scanStartedAt)");
        return ((Number) page.evaluate("() => Number(document.body.dataset.paintedAt) - Number(document.body.dataset.scanStartedAt)"))
                .doubleValue();
    }

    // ---------- shared ----------

    /** Offline checks need the door list (GET …/doorlist, built beside this app in issue 13): skipped until it is served. */
    static void assumeDoorList() {
        assumeTrue(SharedStack.get().routes().stream().anyMatch(route -> route.path()
                .filter(path -> path.text().equals("/v1/events/{eventId}/doorlist")).isPresent()),
                "the stack serves no door list yet");
    }

    /** The admin screen issues a kiosk key and shows the pairing code; the kiosk reads it and keeps only a key. */
    static Page pairKiosk(BrowserContext context, Door door, String deviceId) {
        URI base = door.tenant.stack().httpEndpoint();
        Page admin = context.newPage();
        admin.navigate(base.resolve("/door/admin.html?lang=en").toString());
        admin.locator("#admin-token").fill(door.adminToken);
        admin.locator("#device-id").fill(deviceId);
        admin.locator("#admin-event").fill(Door.EVENT);
        admin.locator("#issue button[type=submit]").click();
        assertThat(admin.locator("#pairing-qr svg")).isVisible();
        String pairing = admin.locator("#pairing-code").textContent();
        admin.close();

        Page kiosk = context.newPage();
        kiosk.navigate(base.resolve("/door/?lang=en").toString());
        kiosk.locator("#pair-code").fill(pairing);
        kiosk.locator("#pair-form button[type=submit]").click();
        assertThat(kiosk.locator("#door")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        assertThat(kiosk.locator("#who")).containsText(deviceId);
        return kiosk;
    }

    static void scan(Page page, String text) {
        page.locator("#scan-input").fill(text);
        page.locator("#scan-input").press("Enter");
    }

    /** What IndexedDB holds for the device: whether its key can be read back, and the names of the fields kept. */
    static final String STORED_DEVICE = """
            async () => {
              const db = await new Promise((ok, ko) => { const r = indexedDB.open('seatpilot-door'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
              const device = await new Promise((ok) => { const r = db.transaction('config').objectStore('config').get('device'); r.onsuccess = () => ok(r.result); });
              let exported = false;
              try { await crypto.subtle.exportKey('raw', device.cryptoKey); exported = true; } catch (e) { exported = false; }
              return JSON.stringify({ extractable: device.cryptoKey.extractable, exported, fields: Object.keys(device).join(',') });
            }""";

    /** axe-core (vendored under test resources, MPL-2.0) injected into the page: no serious or critical violations. */
    static void assertNoSeriousAccessibilityViolations(Page page) throws IOException {
        try (var axe = DoorAppBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(new String(axe.readAllBytes(), StandardCharsets.UTF_8)));
        }
        String violations = page.evaluate("""
                async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                  .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')).join('\\n')""").toString();
        assertEquals("", violations, "axe-core found serious or critical violations on " + page.url());
    }

    /**
     * A Y4M video (what Chromium's fake camera plays, in a loop) of one QR code on white: 640×480, 4:2:0, two
     * identical frames. ZXing makes the code; the page must decode it from the camera's frames.
     */
    static Path fakeCamera(String text) throws IOException, WriterException {
        int width = 640;
        int height = 480;
        BitMatrix qr = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 420, 420, Map.of(EncodeHintType.MARGIN, 4));
        byte[] luma = new byte[width * height];
        Arrays.fill(luma, (byte) 235);
        int left = (width - qr.getWidth()) / 2;
        int top = (height - qr.getHeight()) / 2;
        for (int y = 0; y < qr.getHeight(); y++) {
            for (int x = 0; x < qr.getWidth(); x++) {
                if (qr.get(x, y)) {
                    luma[(top + y) * width + left + x] = 16;
                }
            }
        }
        byte[] chroma = new byte[width * height / 4];
        Arrays.fill(chroma, (byte) 128);
        Path file = Files.createTempFile("door-camera-", ".y4m");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (int frame = 0; frame < 2; frame++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                out.write(chroma);
                out.write(chroma);
            }
        }
        return file;
    }
}
