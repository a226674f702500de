package io.seatpilot.local.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The API's contracts under {@code /docs/}: the repository's {@code openapi.yaml} and {@code asyncapi.yaml} as
 * they are on disk (read per request, so an edit shows at once), and a page that renders the HTTP API with
 * Swagger UI, served from its webjar on the class path rather than copied into the repository.
 */
final class ContractDocs {

    static final String PREFIX = "/docs/";
    private static final String PAGE = "/io/seatpilot/local/docs/index.html";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final Pattern UI_FILE = Pattern.compile("swagger-ui/([A-Za-z0-9.-]+\\.(js|css|png))");
    private static final Map<String, String> CONTENT_TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png");

    private final Path root;
    private final String uiVersion;

    ContractDocs(Path repositoryRoot) {
        this.root = repositoryRoot;
        this.uiVersion = webjarVersion();
    }

    static boolean handles(String rawPath) {
        return rawPath.equals("/docs") || rawPath.startsWith(PREFIX);
    }

    GatewayResponse serve(GatewayRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return GatewayResponse.message(405, "Method Not Allowed");
        }
        String path = request.rawPath();
        if (path.equals("/docs")) {
            return new GatewayResponse(301, List.of(Map.entry("location", PREFIX)), new byte[0]);
        }
        String name = path.substring(PREFIX.length());
        return switch (name) {
            case "", "index.html" -> resource(PAGE, "text/html; charset=utf-8");
            case "openapi.yaml", "asyncapi.yaml" -> file(root.resolve(name));
            default -> {
                var ui = UI_FILE.matcher(name);
                yield ui.matches()
                        ? resource("/" + WEBJAR + uiVersion + "/" + ui.group(1), CONTENT_TYPES.get(ui.group(2)))
                        : GatewayResponse.message(404, "Not Found");
            }
        };
    }

    private static GatewayResponse file(Path file) {
        if (!Files.isRegularFile(file)) {
            return GatewayResponse.message(404, "Not Found");
        }
        try {
            return ok("application/yaml; charset=utf-8", Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static GatewayResponse resource(String name, String contentType) {
        try (InputStream in = ContractDocs.class.getResourceAsStream(name)) {
            return in == null ? GatewayResponse.message(404, "Not Found") : ok(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    private static GatewayResponse ok(String contentType, byte[] body) {
        return new GatewayResponse(200, List.of(Map.entry("content-type", contentType), Map.entry("cache-control", "no-cache")), body);
    }

    /** The webjar's folder is named after its version, which its Maven metadata names. */
    private static String webjarVersion() {
        try (InputStream in = ContractDocs.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("The swagger-ui webjar is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version"))
                    .orElseThrow(() -> new IllegalStateException("The swagger-ui webjar names no version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
