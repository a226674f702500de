package io.seatpilot.local.it.sites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.ChromiumSession;
import io.seatpilot.local.it.SharedStack;
import io.seatpilot.local.template.Template;
import io.seatpilot.local.template.TemplateLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the door app under the Content-Security-Policy the template gives them in AWS (set here on
 * every answer under /ops/ and /door/, as CloudFront's headers policy does): they load, the door registers its
 * service worker, and the pairing QR the admin screen draws is allowed, with no violation reported. A fetch to a
 * foreign origin is reported, so the check is seen to work.
 */
class SitesCspBrowserTest {

    private static final Path ROOT = Path.of(System.getProperty("seatpilot.repo.root", "../..")).toAbsolutePath().normalize();
    private static final String VIOLATIONS = """
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
            """;

    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession();

    private final LocalStack stack = SharedStack.get();

    @Test
    void theDashboardLoadsUnderItsCsp() {
        try (BrowserContext context = contextWithCsp()) {
            Page ops = context.newPage();
            ops.navigate(stack.httpEndpoint().resolve("/ops/").toString());
            ops.locator("#signin").waitFor();
            assertEquals(List.of(), violations(ops), "the dashboard");
            assertForeignOriginRefused(ops);
        }
    }

    @Test
    void theDoorAppLoadsAndRegistersItsServiceWorkerUnderItsCsp() {
        try (BrowserContext context = contextWithCsp()) {
            Page door = context.newPage();
            door.navigate(stack.httpEndpoint().resolve("/door/").toString());
            door.locator("#setup").waitFor();
            door.waitForFunction("navigator.serviceWorker.getRegistration().then((r) => r !== undefined)");
            assertEquals(List.of(), violations(door), "the door app and its service worker");
            assertForeignOriginRefused(door);
        }
    }

    @Test
    void theAdminScreenDrawsThePairingQrUnderItsCsp() {
        try (BrowserContext context = contextWithCsp()) {
            Page admin = context.newPage();
            admin.navigate(stack.httpEndpoint().resolve("/door/admin.html").toString());
            admin.locator("#issue").waitFor();
            // the QR exactly as admin.mjs draws it, an SVG put in with innerHTML
            admin.evaluate("""
                    async () => {
                      const { default: qrcode } = await import('/door/vendor/qrcode.mjs');
                      const qr = qrcode(0, 'M');
                      qr.addData('SPK1.example');
                      qr.make();
                      document.querySelector('#pairing-qr').innerHTML = qr.createSvgTag({ cellSize: 6, margin: 4, scalable: true });
                    }""");
            assertEquals(1, admin.locator("#pairing-qr svg").count());
            assertEquals(List.of(), violations(admin), "the pairing QR");
            assertForeignOriginRefused(admin);
        }
    }

    /** The CSP is in force on the page: a fetch to another origin is refused and reported. */
    private static void assertForeignOriginRefused(Page page) {
        Object outcome = page.evaluate("() => fetch('https://elsewhere.example/steal').then(() => 'fetched', () => 'refused')");
        assertEquals("refused", outcome);
        page.waitForFunction("window.__violations.length > 0");
        assertEquals(List.of("connect-src https://elsewhere.example/steal"), violations(page));
    }

    private BrowserContext contextWithCsp() {
        String csp = templateCsp();
        BrowserContext context = chromium.browser().newContext();
        context.addInitScript(VIOLATIONS);
        context.route("**/*", route -> {
            String path = java.net.URI.create(route.request().url()).getPath();
            if (!path.startsWith("/ops/") && !path.startsWith("/door/")) {
                route.resume();
                return;
            }
            var answer = route.fetch();
            Map<String, String> headers = new HashMap<>(answer.headers());
            headers.put("content-security-policy", csp);
            route.fulfill(new Route.FulfillOptions().setResponse(answer).setHeaders(headers));
        });
        return context;
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations(Page page) {
        page.waitForTimeout(300); // violation events are dispatched asynchronously
        return (List<String>) page.evaluate("window.__violations");
    }

    /**
     * The sites' CSP from template.yaml with made-up API ids. Without upgrade-insecure-requests: the local stack is
     * plain HTTP, which that directive would turn into HTTPS requests nothing answers (deployed, everything is HTTPS).
     */
    @SuppressWarnings("unchecked")
    private static String templateCsp() {
        Template template = TemplateLoader.load(ROOT.resolve("template.yaml"));
        var config = (Map<String, Object>) template.resource("SitesHeadersPolicy").orElseThrow().properties().get("ResponseHeadersPolicyConfig");
        var security = (Map<String, Object>) config.get("SecurityHeadersConfig");
        var csp = (Map<String, Object>) ((Map<String, Object>) security.get("ContentSecurityPolicy")).get("ContentSecurityPolicy");
        String text = (String) csp.get("Fn::Sub");
        assertTrue(text.contains("upgrade-insecure-requests"));
        return text.replace("${HttpApi}", "api1").replace("${LiveApi}", "live1").replace("${UserPoolDomain}", "seatpilot-dev-1")
                .replace("${AWS::Region}", "eu-west-1")
                .replace("; upgrade-insecure-requests", "");
    }
}
