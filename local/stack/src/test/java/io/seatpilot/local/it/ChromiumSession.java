package io.seatpilot.local.it;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A screen test class's browser: one Playwright driver for the class (skipped where {@link Chromium} is missing), a
 * browser the class's tests share, and, for a test that needs flags of its own (the fake camera), a browser launched
 * for that test alone and closed after it, so no test inherits another's browser state. Registered with
 * {@code @RegisterExtension static final ChromiumSession chromium = new ChromiumSession();}.
 */
public final class ChromiumSession implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private Playwright playwright;
    private Browser shared;
    private Browser ownOfTheTest;

    @Override
    public void beforeAll(ExtensionContext context) {
        playwright = Chromium.playwright();
    }

    /** The class's shared browser, launched on first use. */
    public Browser browser() {
        if (shared == null) {
            shared = Chromium.launch(playwright, List.of());
        }
        return shared;
    }

    /** A browser with these flags for the running test only. */
    public Browser launch(List<String> args) {
        ownOfTheTest = Chromium.launch(playwright, args);
        return ownOfTheTest;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (ownOfTheTest != null) {
            ownOfTheTest.close();
            ownOfTheTest = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (playwright != null) {
            playwright.close();
        }
    }
}
