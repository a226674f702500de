package io.seatpilot.local.it.sites;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatpilot.local.LocalStack;
import io.seatpilot.local.it.Api;
import io.seatpilot.local.it.SharedStack;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sites' {@code /config.json}: the local stack answers it with its own addresses, and {@code bin/publish-sites}
 * (run against an {@code aws} stand-in that answers the stack's outputs and records the uploads) writes one with
 * the same keys from a deployed stack's outputs, next to the dashboard, the door app and the signer.
 */
class SiteConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("seatpilot.repo.root", "../..")).toAbsolutePath().normalize();
    private static final Map<String, String> OUTPUTS = Map.of("SitesBucketName", "seatpilot-sites-bucket",
            "SitesDistributionId", "E2EXAMPLE", "SitesDistributionDomain", "d111111abcdef8.cloudfront.net",
            "LiveApiUrl", "wss://live123.execute-api.eu-west-1.amazonaws.com/dev", "UserPoolId", "eu-west-1_Pool",
            "UserPoolClientId", "client123", "UserPoolHostedDomain", "seatpilot-dev-1.auth.eu-west-1.amazoncognito.com");

    private final LocalStack stack = SharedStack.get();
    private final Api api = new Api(stack.httpEndpoint());

    @Test
    void theLocalStackServesTheAppsTheirAddresses() {
        var answer = api.send("GET", "/config.json", null, Map.of());
        assertEquals(200, answer.status(), answer.body());
        assertEquals("no-cache", answer.header("cache-control").orElse(""));
        JsonNode config = answer.json();
        assertEquals(stack.httpEndpoint().toString(), config.path("api").asText());
        assertEquals(stack.wsEndpoint().toString(), config.path("ws").asText());
        assertEquals(stack.physicalId("UserPool"), config.path("user_pool_id").asText());
        assertEquals(stack.physicalId("UserPoolClient"), config.path("user_pool_client_id").asText());
        assertEquals("local", config.path("sign_in").asText());
        assertTrue(config.path("auth").isMissingNode(), "the hosted sign-in only when asked: the local default is unchanged");
        assertEquals(405, api.send("POST", "/config.json", new byte[0], Map.of()).status());
    }

    @Test
    void askedForItTheLocalStackOffersItsStandInForTheHostedSignIn() {
        JsonNode config = api.send("GET", "/config.json?signin=hosted", null, Map.of()).json();
        assertEquals("hosted", config.path("sign_in").asText());
        JsonNode auth = config.path("auth");
        String base = stack.httpEndpoint().toString();
        assertEquals(base + "/local/oauth2/authorize", auth.path("authorize").asText());
        assertEquals(base + "/local/oauth2/token", auth.path("token").asText());
        assertEquals(base + "/local/oauth2/logout", auth.path("logout").asText());
        assertEquals(stack.physicalId("UserPoolClient"), auth.path("client_id").asText());
        assertEquals(stack.tokens().issuer(), auth.path("issuer").asText(), "the local tokens' iss, which the apps check");
        assertEquals("openid email profile", auth.path("scope").asText());
    }

    @Test
    void theAddressesAreOnTheHostThePageCameFromSoTheAppsStaySameOrigin() throws IOException {
        int port = stack.httpEndpoint().getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /config.json HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode config = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertEquals("http://localhost:" + port, config.path("api").asText());
            assertEquals("ws://localhost:" + stack.wsEndpoint().getPort(), config.path("ws").asText());
        }
    }

    @Test
    void publishSitesUploadsTheAppsTheSignerAndAConfigWithTheLocalKeysThenInvalidates(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path bucket = Files.createDirectories(dir.resolve("bucket"));
        Path calls = dir.resolve("calls.log");
        fakeAws(bin.resolve("aws"));
        var process = new ProcessBuilder(ROOT.resolve("bin/publish-sites").toString(), "--stack-name", "seatpilot-test",
                "--region", "eu-west-1").redirectErrorStream(true);
        process.environment().putAll(Map.of("PATH", bin + ":" + System.getenv("PATH"), "FAKE_BUCKET", bucket.toString(),
                "FAKE_CALLS", calls.toString()));
        Process run = process.start();
        String printed = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.waitFor(), printed);

        JsonNode deployed = JSON.readTree(bucket.resolve("config.json").toFile());
        JsonNode local = api.send("GET", "/config.json?signin=hosted", null, Map.of()).json();
        assertEquals(keys(local), keys(deployed), "deployed and local (hosted sign-in) config.json have the same keys");
        assertEquals(keys(local.path("auth")), keys(deployed.path("auth")));
        JsonNode auth = deployed.path("auth");
        assertEquals("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool", auth.path("issuer").asText());
        assertEquals("https://seatpilot-dev-1.auth.eu-west-1.amazoncognito.com/oauth2/authorize", auth.path("authorize").asText());
        assertEquals("https://seatpilot-dev-1.auth.eu-west-1.amazoncognito.com/oauth2/token", auth.path("token").asText());
        assertEquals("https://seatpilot-dev-1.auth.eu-west-1.amazoncognito.com/logout", auth.path("logout").asText());
        assertEquals("client123", auth.path("client_id").asText());
        assertEquals("https://d111111abcdef8.cloudfront.net", deployed.path("api").asText(), "the API is the distribution");
        assertEquals(OUTPUTS.get("LiveApiUrl"), deployed.path("ws").asText());
        assertEquals("eu-west-1", deployed.path("region").asText());
        assertEquals(OUTPUTS.get("UserPoolId"), deployed.path("user_pool_id").asText());
        assertEquals(OUTPUTS.get("UserPoolClientId"), deployed.path("user_pool_client_id").asText());
        assertEquals("cognito", deployed.path("sign_in").asText());
        assertArrayEquals(Files.readAllBytes(ROOT.resolve("clients/js/seatpilot-signer.mjs")),
                Files.readAllBytes(bucket.resolve("door/lib/signer/seatpilot-signer.mjs")), "the one signer, as the door imports it");
        for (String site : List.of("door", "ops")) {
            for (String file : List.of("seatpilot-signin.mjs", "vendor/oauth4webapi.mjs", "vendor/oauth4webapi.LICENSE")) {
                assertArrayEquals(Files.readAllBytes(ROOT.resolve("clients/js/" + file)),
                        Files.readAllBytes(bucket.resolve(site + "/lib/signer/" + file)), "the one sign-in module, as " + site + " imports it");
            }
        }
        assertTrue(Files.isRegularFile(bucket.resolve("index.html")));

        List<String> log = Files.readAllLines(calls);
        for (String site : List.of("dashboard/ s3://seatpilot-sites-bucket/ops/", "door/ s3://seatpilot-sites-bucket/door/")) {
            assertTrue(log.stream().anyMatch(c -> c.startsWith("s3 sync " + site) && c.contains("--exclude *.mjs")), site + " in " + log);
            assertTrue(log.stream().anyMatch(c -> c.startsWith("s3 sync " + site)
                    && c.contains("--include *.mjs --content-type text/javascript; charset=utf-8")), "modules as JavaScript: " + log);
        }
        assertTrue(log.stream().anyMatch(c -> c.startsWith("s3 sync door/") && c.endsWith("--exclude lib/* --exclude test/* --exclude pom.xml "
                + "--exclude package.json --exclude *.test.mjs --exclude node_modules/* --exclude target/* --exclude README.md")
                && c.contains("--include *.mjs")), "the door's syncs leave the signer in place and upload no tests: " + log);
        assertEquals("cloudfront create-invalidation --distribution-id E2EXAMPLE --paths /* --query Invalidation.Id --output text",
                log.getLast(), "the distribution is invalidated after the uploads");
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new HashSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Answers describe-stacks from {@link #OUTPUTS}; copies {@code s3 cp} uploads into $FAKE_BUCKET; logs every call. */
    private static void fakeAws(Path script) throws IOException {
        StringBuilder outputs = new StringBuilder();
        OUTPUTS.forEach((key, value) -> outputs.append("    *\"OutputKey=='").append(key).append("'\"*) echo '").append(value).append("' ;;\n"));
        Files.writeString(script, """
                #!/usr/bin/env bash
                echo "$*" >> "$FAKE_CALLS"
                case "$1 $2" in
                  "cloudformation describe-stacks")
                    case "$*" in
                %s    *) echo None ;;
                    esac ;;
                  "s3 cp")
                    key="${4#s3://seatpilot-sites-bucket/}"
                    mkdir -p "$(dirname "$FAKE_BUCKET/$key")" && cp "$3" "$FAKE_BUCKET/$key" ;;
                esac
                """.formatted(outputs));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
