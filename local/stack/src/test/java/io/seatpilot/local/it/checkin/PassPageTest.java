package io.seatpilot.local.it.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.seatpilot.local.it.Api;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The guest's pass page and calendar entry (SPEC §15) through the local stack, in Spanish and English. */
class PassPageTest {

    private static final long STARTS_AT = 1_797_098_400_000L; // 12 Dec 2026 19:00 in Madrid (18:00 UTC)
    private static Door door;

    @BeforeAll
    static void setUp() {
        door = Door.setUp("passpage");
        door.put("/v1/events/" + Door.EVENT, Map.of("name", "Winter Gala", "kind", "gala", "timezone", "Europe/Madrid",
                "starts_at", STARTS_AT, "venue", "Finca El Olivar, Toledo", "default_locale", "es",
                "zones", List.of(Map.of("id", "za", "name", "Garden", "letter", "A", "color", "#2E8B57"),
                        Map.of("id", "zb", "name", "Hall", "letter", "B", "color", "blue")),
                "exits", List.of(Map.of("id", "x1", "name", "North", "status", "OPEN"))), 200);
    }

    @Test
    void showsTheGuestTheirSeatInSpanishWithTheSafeHeaders() {
        var page = open(door.passes.get("g1"), Map.of("accept-language", "es-ES,es;q=0.9"));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertEquals("no-store", page.header("cache-control").orElseThrow());
        assertEquals("no-referrer", page.header("referrer-policy").orElseThrow());
        String csp = page.header("content-security-policy").orElseThrow();
        assertTrue(csp.startsWith("default-src 'none'; style-src 'sha256-"), csp);
        String html = page.body();
        for (String shown : List.of("<html lang=\"es\"", "Winter Gala", "Finca El Olivar, Toledo", "Hola, José", "B-12",
                "Zona B", "Asiento", "Zona B, mesa B-12", "diciembre de 2026", "19:00", "<svg",
                grouped(door.codes.get("g1")), "/event.ics?lang=es", "name=\"viewport\"")) {
            assertTrue(html.contains(shown), "the page lacks " + shown + ":\n" + html);
        }
        assertFalse(html.contains("Núñez"), "no last name on the pass page");
        assertFalse(html.contains("<script"), "the page runs no script");
    }

    @Test
    void readsInEnglishWhenTheBrowserOrTheLinkAsks() {
        String token = door.passes.get("h1a");
        var english = open(token, Map.of("accept-language", "en-GB,en;q=0.8,es;q=0.5"));
        assertEquals(200, english.status(), english.body());
        for (String shown : List.of("<html lang=\"en\"", "Hello, Marta", "Zone B, table B-12", "Also on your invitation",
                "Luis", "Sofía", "Pablo", "December 12, 2026")) {
            assertTrue(english.body().contains(shown), "the English page lacks " + shown + ":\n" + english.body());
        }
        assertFalse(english.body().contains("Iker"), "a member who declined is not expected");
        assertFalse(english.body().contains("Ruiz"), "no last names");
        var chosen = open(token, "?lang=es", Map.of("accept-language", "en"));
        assertTrue(chosen.body().contains("Hola, Marta"), "?lang= wins over Accept-Language");
        var byDefault = open(token, Map.of());
        assertTrue(byDefault.body().contains("Hola, Marta"), "the event's default_locale when the browser says nothing");
    }

    @Test
    void theQrCodeDecodesToThePagesOwnUrl() throws Exception {
        String token = door.passes.get("g2");
        var page = open(token, Map.of());
        String url = door.tenant.stack().httpEndpoint().resolve("/p/" + token).toString();
        assertEquals(url, decodeQr(page.body()));
    }

    @Test
    void anUnknownOrReplacedPassGetsAFriendlyPageOrAProblem() {
        String old = door.passes.get("g2");
        var reissued = door.tenant.api().withToken(door.adminToken, "POST", "/v1/events/" + Door.EVENT + "/passes",
                Map.of("guest_ids", List.of("g2")));
        assertEquals(201, reissued.status(), reissued.body());
        var browser = open(old, Map.of("accept-language", "es"));
        assertEquals(404, browser.status(), browser.body());
        assertTrue(browser.contentType().startsWith("text/html"));
        assertTrue(browser.body().contains("Pase no encontrado"), browser.body());
        assertEquals("no-store", browser.header("cache-control").orElseThrow());
        var client = door.tenant.api().send("GET", "/p/" + old, null, Map.of());
        assertEquals(404, client.status(), client.body());
        assertEquals("pass_unknown", client.reason());
        var declined = open(door.passes.get("g3"), Map.of());
        assertEquals(404, declined.status(), "a guest who declined has no seat to show");
        door.passes.put("g2", reissued.json().get("passes").get(0).get("token").asText());
    }

    @Test
    void theCalendarEntryIsAnRfc5545Event() {
        String token = door.passes.get("g1");
        var ics = door.tenant.api().send("GET", "/p/" + token + "/event.ics?lang=en", null, Map.of());
        assertEquals(200, ics.status(), ics.body());
        assertTrue(ics.contentType().startsWith("text/calendar"), ics.contentType());
        assertEquals("no-store", ics.header("cache-control").orElseThrow());
        String body = ics.body();
        assertTrue(body.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), body);
        assertTrue(body.contains("\r\nDTSTART:20261212T180000Z\r\n"), body);
        assertTrue(body.contains("\r\nSUMMARY:Winter Gala\r\n"), body);
        assertTrue(body.contains("\r\nLOCATION:Finca El Olivar\\, Toledo\r\n"), "commas escaped: " + body);
        assertTrue(body.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n"), body);
        for (String line : body.split("\r\n")) {
            assertTrue(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 75, "unfolded line: " + line);
        }
    }

    private static Api.Answer open(String token, Map<String, String> headers) {
        return open(token, "", headers);
    }

    private static Api.Answer open(String token, String query, Map<String, String> headers) {
        var all = new java.util.HashMap<>(headers);
        all.put("accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        return door.tenant.api().send("GET", "/p/" + token + query, null, all);
    }

    private static String grouped(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** Paints the page's SVG (a viewBox and one path of unit squares) onto pixels and reads it with ZXing. */
    private static String decodeQr(String html) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(html);
        assertTrue(box.find(), "no SVG on the page");
        int modules = Integer.parseInt(box.group(1));
        Matcher path = Pattern.compile("<path d=\"([^\"]+)\"").matcher(html);
        assertTrue(path.find(), "no QR path");
        int scale = 6;
        int side = modules * scale;
        int[] pixels = new int[side * side];
        Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher square = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(path.group(1));
        int squares = 0;
        while (square.find()) {
            int x = Integer.parseInt(square.group(1));
            int y = Integer.parseInt(square.group(2));
            for (int dy = 0; dy < scale; dy++) {
                Arrays.fill(pixels, (y * scale + dy) * side + x * scale, (y * scale + dy) * side + (x + 1) * scale, 0xFF000000);
            }
            squares++;
        }
        assertTrue(squares > 100, "the path is not a QR code");
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
