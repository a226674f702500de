package io.seatpilot.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosting of the people's screens in template.yaml (SPEC §15): a private bucket that only the distribution reads
 * (origin access control and the distribution's ARN as the condition), TLS only; one HTTPS origin whose behaviours
 * send the apps to the bucket and the guest pages and the API, uncached, to the HTTP API's stage; the security
 * headers and a CSP that leaves the guest pages' own CSP in place; the distribution's domain as an output. The
 * edge functions' code is run under node on the requests that matter.
 */
class SitesHostingTemplateTest {

    private static final Path ROOT = Path.of(System.getProperty("seatpilot.repo.root", "../..")).toAbsolutePath().normalize();
    private static final Map<String, Object> RAW = raw();
    private static final Template TEMPLATE = TemplateLoader.load(ROOT.resolve("template.yaml"));

    /** AWS's managed policies (CloudFront developer guide, "Use managed cache/origin request policies"). */
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    @Test
    void theBucketIsPrivateEncryptedAndReadOnlyByThisDistributionOverTls() {
        Map<String, Object> bucket = properties("SitesBucket", "AWS::S3::Bucket");
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), bucket.get("PublicAccessBlockConfiguration"));
        assertFalse(bucket.containsKey("WebsiteConfiguration"), "a website endpoint is public and plain HTTP");
        assertFalse(bucket.containsKey("AccessControl"));
        assertEquals("AES256", at(bucket, "BucketEncryption", "ServerSideEncryptionConfiguration", 0,
                "ServerSideEncryptionByDefault", "SSEAlgorithm"));

        Map<String, Object> policy = properties("SitesBucketPolicy", "AWS::S3::BucketPolicy");
        assertEquals(Map.of("Ref", "SitesBucket"), policy.get("Bucket"));
        List<Map<String, Object>> statements = maps(at(policy, "PolicyDocument", "Statement"));
        var tls = statements.stream().filter(s -> "Deny".equals(s.get("Effect"))).toList();
        assertEquals(1, tls.size(), "one TLS-only statement");
        assertEquals("*", tls.getFirst().get("Principal"));
        assertEquals("s3:*", tls.getFirst().get("Action"));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", "false")), tls.getFirst().get("Condition"));
        assertEquals(List.of(Map.of("Fn::GetAtt", List.of("SitesBucket", "Arn")), Map.of("Fn::Sub", "${SitesBucket.Arn}/*")),
                tls.getFirst().get("Resource"), "the bucket and its objects");
        var allows = statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
        assertEquals(1, allows.size(), "nothing but the distribution is allowed in");
        Map<String, Object> allow = allows.getFirst();
        assertEquals(Map.of("Service", "cloudfront.amazonaws.com"), allow.get("Principal"));
        assertEquals("s3:GetObject", allow.get("Action"));
        assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${SitesDistribution}"),
                at(allow, "Condition", "StringEquals", "AWS:SourceArn"), "this distribution only, by its ARN");
    }

    @Test
    void theBucketIsReadThroughOriginAccessControl() {
        Map<String, Object> oac = properties("SitesOriginAccessControl", "AWS::CloudFront::OriginAccessControl");
        assertEquals("s3", at(oac, "OriginAccessControlConfig", "OriginAccessControlOriginType"));
        assertEquals("always", at(oac, "OriginAccessControlConfig", "SigningBehavior"));
        assertEquals("sigv4", at(oac, "OriginAccessControlConfig", "SigningProtocol"));
        Map<String, Object> sites = origin("sites");
        assertEquals(Map.of("Fn::GetAtt", List.of("SitesBucket", "RegionalDomainName")), sites.get("DomainName"));
        assertEquals(Map.of("Fn::GetAtt", List.of("SitesOriginAccessControl", "Id")), sites.get("OriginAccessControlId"));
        assertEquals("", at(sites, "S3OriginConfig", "OriginAccessIdentity"), "no legacy origin access identity");
    }

    @Test
    void behavioursSendTheAppsToTheBucketAndGuestPagesAndTheApiUncachedToTheStage() {
        Map<String, Object> api = origin("api");
        assertEquals(Map.of("Fn::Sub", "${HttpApi}.execute-api.${AWS::Region}.amazonaws.com"), api.get("DomainName"));
        assertEquals(Map.of("Fn::Sub", "/${Stage}"), api.get("OriginPath"), "the HTTP API's stage is not $default");
        assertEquals("https-only", at(api, "CustomOriginConfig", "OriginProtocolPolicy"));

        Map<String, Object> config = distribution();
        assertEquals("index.html", config.get("DefaultRootObject"));
        assertEquals(Map.of("CloudFrontDefaultCertificate", true), config.get("ViewerCertificate"));
        Map<String, Map<String, Object>> behaviours = behaviours();
        assertEquals(List.of("*", "/ops/*", "/door/*", "/p/*", "/r/*", "/v1/*"), List.copyOf(behaviours.keySet()));
        behaviours.forEach((pattern, b) -> assertEquals("redirect-to-https", b.get("ViewerProtocolPolicy"), pattern));
        for (String pattern : List.of("*", "/ops/*", "/door/*")) {
            Map<String, Object> b = behaviours.get(pattern);
            assertEquals("sites", b.get("TargetOriginId"), pattern);
            assertEquals(List.of("GET", "HEAD"), b.get("AllowedMethods"), pattern);
            assertEquals(CACHING_OPTIMIZED, b.get("CachePolicyId"), pattern);
            assertEquals(Map.of("Ref", "SitesHeadersPolicy"), b.get("ResponseHeadersPolicyId"), pattern);
        }
        for (String pattern : List.of("/p/*", "/r/*", "/v1/*")) {
            Map<String, Object> b = behaviours.get(pattern);
            assertEquals("api", b.get("TargetOriginId"), pattern);
            assertEquals(CACHING_DISABLED, b.get("CachePolicyId"), pattern);
            assertEquals(ALL_VIEWER_EXCEPT_HOST_HEADER, b.get("OriginRequestPolicyId"), pattern + ": execute-api needs its own Host");
            assertTrue(strings(b.get("AllowedMethods")).containsAll(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS")), pattern);
            assertEquals(Map.of("Ref", "ApiHeadersPolicy"), b.get("ResponseHeadersPolicyId"), pattern);
        }
        // CloudFront takes the first behaviour in order whose pattern matches, the default last
        assertEquals("sites", target("/door/lib/signer/seatpilot-signer.mjs"), "the signer the door imports");
        assertEquals("sites", target("/config.json"));
        assertEquals("sites", target("/ops/index.html"));
        assertEquals("api", target("/p/abc123/event.ics"));
        assertEquals("api", target("/r/abc123"));
        assertEquals("api", target("/v1/events/e1/checkins"));
    }

    @Test
    void theAppsGetSecurityHeadersAndACspThatLetsThemWorkWhileGuestPagesKeepTheirOwn() {
        Map<String, Object> sites = headers("SitesHeadersPolicy");
        assertSecurityHeaders(sites);
        assertEquals(true, at(sites, "ContentSecurityPolicy", "Override"), "the bucket sets no CSP: this one is the CSP");
        Map<String, String> csp = directives(at(sites, "ContentSecurityPolicy", "ContentSecurityPolicy"));
        assertEquals("'self'", csp.get("default-src"));
        assertEquals("'self'", csp.get("script-src"), "no inline script, no eval");
        assertEquals("'self'", csp.get("style-src"), "style sheets from the site only");
        assertFalse(csp.values().stream().anyMatch(v -> v.contains("unsafe")), "nothing inline, no eval: " + csp);
        assertEquals(Set.of("'self'", "https://${HttpApi}.execute-api.${AWS::Region}.amazonaws.com",
                "wss://${LiveApi}.execute-api.${AWS::Region}.amazonaws.com", "https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com"),
                Set.of(csp.get("connect-src").split(" ")),
                "this origin (the API through it), the HTTP API itself, Ops Live and the hosted sign-in's token endpoint");
        assertEquals("'self'", csp.get("worker-src"), "the door's service worker");
        assertEquals("'self'", csp.get("manifest-src"));
        assertEquals("'none'", csp.get("frame-ancestors"));
        assertEquals("'none'", csp.get("object-src"));
        assertTrue(String.valueOf(at(sites, "CustomHeadersConfig", "Items", 0, "Value")).contains("camera=(self)"),
                "the door's camera, for this origin only");

        Map<String, Object> api = headers("ApiHeadersPolicy");
        assertSecurityHeaders(api);
        assertEquals(false, at(api, "ContentSecurityPolicy", "Override"), "the pass and RSVP pages' own CSP stands");
        assertEquals(false, at(api, "ReferrerPolicy", "Override"));
        assertEquals("no-referrer", at(api, "ReferrerPolicy", "ReferrerPolicy"));
        assertEquals("'none'", directives(at(api, "ContentSecurityPolicy", "ContentSecurityPolicy")).get("default-src"),
                "an answer that sets no CSP (JSON, errors) may load nothing");
    }

    @Test
    void theDistributionsDomainIsAnOutput() {
        Map<String, Object> outputs = map(RAW.get("Outputs"));
        assertEquals(Map.of("Fn::GetAtt", List.of("SitesDistribution", "DomainName")), at(outputs, "SitesDistributionDomain", "Value"));
        assertEquals(Map.of("Ref", "SitesDistribution"), at(outputs, "SitesDistributionId", "Value"), "for the invalidation");
        assertEquals(Map.of("Ref", "SitesBucket"), at(outputs, "SitesBucketName", "Value"), "for the upload");
    }

    @Test
    void theEdgeFunctionsServeDirectoryIndexesAndTellTheApiTheViewersHost(@TempDir Path dir) throws IOException, InterruptedException {
        for (String pattern : List.of("*", "/ops/*", "/door/*")) {
            assertEquals(Map.of("Fn::GetAtt", List.of("SitesIndexFunction", "FunctionARN")),
                    at(behaviours().get(pattern), "FunctionAssociations", 0, "FunctionARN"), pattern);
        }
        for (String pattern : List.of("/p/*", "/r/*", "/v1/*")) {
            assertEquals(Map.of("Fn::GetAtt", List.of("ApiForwardedHostFunction", "FunctionARN")),
                    at(behaviours().get(pattern), "FunctionAssociations", 0, "FunctionARN"), pattern);
        }
        JsonNode index = run(dir, "SitesIndexFunction", List.of("/door/", "/door", "/ops", "/door/js/app.mjs", "/"));
        assertEquals("/door/index.html", index.get(0).path("uri").asText());
        assertEquals(301, index.get(1).path("statusCode").asInt());
        assertEquals("/door/", index.get(1).path("headers").path("location").path("value").asText());
        assertEquals("/ops/", index.get(2).path("headers").path("location").path("value").asText());
        assertEquals("/door/js/app.mjs", index.get(3).path("uri").asText());
        assertEquals("/index.html", index.get(4).path("uri").asText());
        JsonNode host = run(dir, "ApiForwardedHostFunction", List.of("/p/abc"));
        assertEquals("d1.cloudfront.net", host.get(0).path("headers").path("x-forwarded-host").path("value").asText(),
                "a client's own X-Forwarded-Host is replaced");
    }

    // ---- the edge functions under node (cloudfront-js is a subset of the JavaScript node runs) ----

    private static JsonNode run(Path dir, String function, List<String> uris) throws IOException, InterruptedException {
        Map<String, Object> properties = properties(function, "AWS::CloudFront::Function");
        assertEquals("cloudfront-js-2.0", at(properties, "FunctionConfig", "Runtime"));
        Path script = dir.resolve(function + ".js");
        Files.writeString(script, properties.get("FunctionCode") + """

                const uris = JSON.parse(process.argv[2]);
                console.log(JSON.stringify(uris.map((uri) => handler({ request: { uri, method: 'GET', querystring: {},
                  headers: { host: { value: 'd1.cloudfront.net' }, 'x-forwarded-host': { value: 'evil.example' } } } }))));
                """);
        Process node = new ProcessBuilder("node", script.toString(), new ObjectMapper().writeValueAsString(uris))
                .redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, node.waitFor(), out);
        return new ObjectMapper().readTree(out);
    }

    // ---- reading the template ----

    private static void assertSecurityHeaders(Map<String, Object> security) {
        assertEquals(true, at(security, "StrictTransportSecurity", "Override"));
        assertTrue(((Number) at(security, "StrictTransportSecurity", "AccessControlMaxAgeSec")).longValue() >= 31_536_000, "HSTS ≥ a year");
        assertEquals(Map.of("Override", true), security.get("ContentTypeOptions"), "nosniff");
        assertEquals(Map.of("FrameOption", "DENY", "Override", true), security.get("FrameOptions"));
        assertTrue(security.containsKey("ReferrerPolicy"));
    }

    /** A policy's security headers, with its custom headers under "CustomHeadersConfig". */
    private static Map<String, Object> headers(String policy) {
        Map<String, Object> config = map(at(properties(policy, "AWS::CloudFront::ResponseHeadersPolicy"), "ResponseHeadersPolicyConfig"));
        Map<String, Object> security = new LinkedHashMap<>(map(config.get("SecurityHeadersConfig")));
        if (config.containsKey("CustomHeadersConfig")) {
            security.put("CustomHeadersConfig", config.get("CustomHeadersConfig"));
        }
        return security;
    }

    private static Map<String, String> directives(Object csp) {
        String text = csp instanceof Map<?, ?> sub ? String.valueOf(sub.get("Fn::Sub")) : String.valueOf(csp);
        return Arrays.stream(text.split(";")).map(String::trim).filter(d -> !d.isEmpty())
                .collect(Collectors.toMap(d -> d.split(" ", 2)[0], d -> d.contains(" ") ? d.split(" ", 2)[1] : ""));
    }

    private static String target(String path) {
        return behaviours().entrySet().stream().skip(1)
                .filter(b -> path.startsWith(b.getKey().substring(0, b.getKey().length() - 1)))
                .map(b -> String.valueOf(b.getValue().get("TargetOriginId"))).findFirst()
                .orElse(String.valueOf(behaviours().get("*").get("TargetOriginId")));
    }

    /** The default behaviour as "*", then the others in the template's order. */
    private static Map<String, Map<String, Object>> behaviours() {
        Map<String, Map<String, Object>> behaviours = new LinkedHashMap<>();
        behaviours.put("*", map(distribution().get("DefaultCacheBehavior")));
        maps(distribution().get("CacheBehaviors")).forEach(b -> behaviours.put(String.valueOf(b.get("PathPattern")), b));
        return behaviours;
    }

    private static Map<String, Object> origin(String id) {
        return maps(distribution().get("Origins")).stream().filter(o -> id.equals(o.get("Id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no origin " + id));
    }

    private static Map<String, Object> distribution() {
        return map(properties("SitesDistribution", "AWS::CloudFront::Distribution").get("DistributionConfig"));
    }

    private static Map<String, Object> properties(String logicalId, String type) {
        TemplateResource resource = TEMPLATE.resource(logicalId).orElseThrow(() -> new AssertionError("no " + logicalId));
        assertEquals(type, resource.type(), logicalId);
        return resource.properties();
    }

    private static Object at(Object node, Object... path) {
        Object here = node;
        for (Object step : path) {
            here = step instanceof Integer i ? ((List<?>) here).get(i) : map(here).get(step);
            if (here == null) {
                throw new AssertionError("nothing at " + Arrays.toString(path));
            }
        }
        return here;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    private static List<Map<String, Object>> maps(Object node) {
        List<Map<String, Object>> maps = new ArrayList<>();
        ((List<?>) node).forEach(item -> maps.add(map(item)));
        return maps;
    }

    private static List<String> strings(Object node) {
        return ((List<?>) node).stream().map(String::valueOf).toList();
    }

    private static Map<String, Object> raw() {
        try {
            return CloudFormationYaml.parser().load(Files.readString(ROOT.resolve("template.yaml")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
