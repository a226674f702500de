package io.seatpilot.local.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves one folder of static files under a path prefix (index.html for folders): the repository's
 * {@code dashboard/} under {@code /ops/}, {@code door/} under {@code /door/}, and {@code clients/js} (the signer and
 * the hosted sign-in the apps import) under {@code /door/lib/signer/} and {@code /ops/lib/signer/} (deployed, the
 * publish step copies them there).
 */
final class StaticFiles {

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain; charset=utf-8"));

    private final String prefix;
    private final Path root;

    /** @param prefix the path it answers under, with both slashes, e.g. {@code /ops/} */
    StaticFiles(String prefix, Path root) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("A static prefix starts and ends with '/': " + prefix);
        }
        this.prefix = prefix;
        this.root = root.toAbsolutePath().normalize();
    }

    String prefix() {
        return prefix;
    }

    boolean handles(String rawPath) {
        return rawPath.equals(folder()) || rawPath.startsWith(prefix);
    }

    private String folder() {
        return prefix.substring(0, prefix.length() - 1);
    }

    GatewayResponse serve(GatewayRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return GatewayResponse.message(405, "Method Not Allowed");
        }
        if (request.rawPath().equals(folder())) {
            return new GatewayResponse(301, List.of(Map.entry("location", prefix)), new byte[0]);
        }
        String relative = URLDecoder.decode(request.rawPath().substring(prefix.length()), StandardCharsets.UTF_8);
        Path file = root.resolve(relative).normalize();
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        // normalize() folds "..", so anything outside the folder no longer starts with it.
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return GatewayResponse.message(404, "Not Found");
        }
        try {
            String name = file.getFileName().toString();
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return new GatewayResponse(200, List.of(Map.entry("content-type", CONTENT_TYPES.getOrDefault(extension,
                    "application/octet-stream")), Map.entry("cache-control", "no-cache")), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
