package io.seatpilot.bench.door;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.seatpilot.core.json.Json;
import io.seatpilot.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Issue 13: the door app's scan → card time in the browser (Debian's Chromium, headless), against the local stack.
 * A kiosk is paired, downloads the door list, goes offline and checks N guests in by typed pass (as a hand scanner
 * types it); each time runs from the scan's submit to the first frame after the card is in the page (the page's
 * own {@code performance.now()} marks). The baseline, in the same run: online scans, the card drawn from the
 * server's answer (paced under the check-in limit of 10 per 10 s).
 *
 * <p>Usage: {@code bench/run io.seatpilot.bench.door.DoorScanBenchmark [offline=200] [online=20]}
 */
public final class DoorScanBenchmark {

    private static final String EVENT = "bench-door";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DoorScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int offline = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int online = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        try (LocalStack stack = LocalStack.builder().httpPort(0).wsPort(0).quiet(true).build().start();
             Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            URI base = stack.httpEndpoint();
            String tenant = "doorbench-" + UUID.randomUUID().toString().substring(0, 6);
            String admin = stack.issueToken(tenant, List.of("admin"), List.of());
            Map<String, String> passes = setUp(base, admin, offline + online);
            JsonNode key = call(base, admin, "POST", "/v1/devices", Map.of("device_id", "bench-door", "role", "kiosk"));
            String pairing = "SPK1." + Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(Map.of(
                    "key_id", key.get("key_id").asText(), "secret", key.get("secret").asText(), "tenant", tenant,
                    "event", EVENT, "device_id", "bench-door")).getBytes(StandardCharsets.UTF_8));

            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true));
            BrowserContext context = browser.newContext();
            Page page = context.newPage();
            page.navigate(base.resolve("/door/?lang=en").toString());
            page.locator("#pair-code").fill(pairing);
            page.locator("#pair-form button[type=submit]").click();
            page.waitForFunction("() => document.body.dataset.doorList && document.body.dataset.doorList !== 'none'");

            List<String> ids = new ArrayList<>(passes.keySet());
            List<Double> onlineMillis = new ArrayList<>();
            for (String id : ids.subList(offline, offline + online)) {
                onlineMillis.add(scan(page, passes.get(id), "card"));
                Thread.sleep(1_100);
            }
            context.setOffline(true);
            List<Double> offlineMillis = new ArrayList<>();
            for (String id : ids.subList(0, offline)) {
                offlineMillis.add(scan(page, passes.get(id), "card-offline"));
            }
            print("offline scan → card", offlineMillis);
            print("online scan → card (baseline)", onlineMillis);
            System.out.printf(Locale.ROOT, "offline / online p95 ratio: %.2f%n",
                    percentile(offlineMillis, 0.95) / percentile(onlineMillis, 0.95));
            browser.close();
        }
        // DynamoDB Local leaves a non-daemon shard-rollover thread behind after it stopped
        System.exit(0);
    }

    private static double scan(Page page, String token, String answer) {
        page.locator("#scan-input").fill(token);
        page.locator("#scan-input").press("Enter");
        page.waitForFunction("a => document.body.dataset.answer === a && Number(document.body.dataset.paintedAt) > "
                + "Number(document.body.dataset.scanStartedAt)", answer);
        return ((Number) page.evaluate("() => Number(document.body.dataset.paintedAt) - Number(document.body.dataset.scanStartedAt)"))
                .doubleValue();
    }

    private static Map<String, String> setUp(URI base, String admin, int guests) throws Exception {
        call(base, admin, "PUT", "/v1/events/" + EVENT, Map.of("name", "Door bench", "kind", "wedding", "timezone", "Europe/Madrid",
                "zones", List.of(Map.of("id", "za", "name", "Garden", "letter", "A", "color", "#2E8B57"))));
        call(base, admin, "PUT", "/v1/events/" + EVENT + "/tables", Map.of("tables", IntStream.range(0, 40).mapToObj(t -> Map.of(
                "id", "t" + t, "label", "A-" + t, "zone", "za", "capacity", 10, "shape", "round")).toList()));
        call(base, admin, "PUT", "/v1/events/" + EVENT + "/guests", Map.of("guests", IntStream.range(0, guests).mapToObj(g -> Map.of(
                "id", "g" + g, "first_name", "Guest" + g, "last_name", "Bench", "rsvp", "confirmed",
                "table_id", "t" + (g % 40))).toList()));
        Map<String, String> passes = new HashMap<>();
        call(base, admin, "POST", "/v1/events/" + EVENT + "/passes", Map.of()).get("passes")
                .forEach(p -> passes.put(p.get("guest_id").asText(), p.get("token").asText()));
        return passes;
    }

    private static JsonNode call(URI base, String token, String method, String path, Object body) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("authorization", "Bearer " + token)
                .header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return Json.read(response.body());
    }

    private static void print(String what, List<Double> millis) {
        System.out.printf(Locale.ROOT, "%s: n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms%n", what, millis.size(),
                percentile(millis, 0.50), percentile(millis, 0.95), millis.stream().mapToDouble(d -> d).max().orElse(0));
    }

    /** Nearest rank. */
    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
