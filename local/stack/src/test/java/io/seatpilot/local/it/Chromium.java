package io.seatpilot.local.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright: the browser every screen test uses. {@code .ci/run} installs it;
 * Playwright never downloads a browser here. A machine without it skips the screen tests instead of failing them.
 */
public final class Chromium {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    /** Playwright's driver, once the browser is known to be there (the test is skipped otherwise). */
    public static Playwright playwright() {
        assumeTrue(Files.isExecutable(EXECUTABLE), "Chromium is not installed at " + EXECUTABLE + " (.ci/run installs it)");
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright, List<String> args) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true)
                .setArgs(args));
    }
}
