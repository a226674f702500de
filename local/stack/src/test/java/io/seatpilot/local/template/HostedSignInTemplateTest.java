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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user pool's hosted sign-in in template.yaml (SPEC §15, issue 13 item 7): a domain, the people's client as a
 * public OAuth client (authorization code, openid/email/profile, Cognito accounts only, no secret) whose callback and
 * logout URLs are the distribution's /door/ and /ops/, applied by a custom resource because the client, the HTTP API
 * and the distribution would otherwise depend on each other in a circle, which the graph check shows; the
 * function behind it is run under node against a stand-in SDK; the hosted domain is an output for bin/publish-sites.
 */
class HostedSignInTemplateTest {

    private static final Path ROOT = Path.of(System.getProperty("seatpilot.repo.root", "../..")).toAbsolutePath().normalize();
    private static final Map<String, Object> RAW = raw();
    private static final Template TEMPLATE = TemplateLoader.load(ROOT.resolve("template.yaml"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePoolHasAHostedDomainPerStageAndAccount() {
        Map<String, Object> domain = properties("UserPoolDomain", "AWS::Cognito::UserPoolDomain");
        assertEquals(Map.of("Ref", "UserPool"), domain.get("UserPoolId"));
        assertEquals(Map.of("Fn::Sub", "seatpilot-${Stage}-${AWS::AccountId}"), domain.get("Domain"),
                "a prefix unique in the region: the stage and the account");
        assertFalse(domain.containsKey("CustomDomainConfig"), "Cognito's own domain, no certificate to manage");
    }

    @Test
    void theClientIsAPublicCodeFlowClientOfCognitoAccountsWithTheDistributionsUrls() {
        Map<String, Object> client = properties("UserPoolClient", "AWS::Cognito::UserPoolClient");
        assertEquals(false, client.get("GenerateSecret"), "code in a browser keeps no secret: PKCE instead");
        assertTrue(strings(client.get("ExplicitAuthFlows")).contains("ALLOW_REFRESH_TOKEN_AUTH"), "tokens are refreshed");

        Map<String, Object> signIn = properties("UserPoolClientSignIn", "Custom::UserPoolClientSignIn");
        assertEquals(Map.of("Ref", "UserPool"), signIn.get("UserPoolId"));
        assertEquals(Map.of("Ref", "UserPoolClient"), signIn.get("ClientId"), "the client the HTTP API's authorizer trusts");
        assertEquals(true, signIn.get("AllowedOAuthFlowsUserPoolClient"));
        assertEquals(List.of("code"), signIn.get("AllowedOAuthFlows"), "the authorization code only, never implicit");
        assertEquals(Set.of("openid", "email", "profile"), Set.copyOf(strings(signIn.get("AllowedOAuthScopes"))));
        assertEquals(List.of("COGNITO"), signIn.get("SupportedIdentityProviders"));
        List<Object> urls = List.of(Map.of("Fn::Sub", "https://${SitesDistribution.DomainName}/door/"),
                Map.of("Fn::Sub", "https://${SitesDistribution.DomainName}/ops/"));
        assertEquals(urls, signIn.get("CallbackURLs"), "the door app and the dashboard, on the one HTTPS origin");
        assertEquals(urls, signIn.get("LogoutURLs"));
        assertEquals(Map.of("Fn::GetAtt", List.of("UserPoolClientSignInFunction", "Arn")), signIn.get("ServiceToken"));
    }

    @Test
    void theFunctionMayReadAndWriteThisPoolsClientsOnly() {
        Map<String, Object> function = properties("UserPoolClientSignInFunction", "AWS::Lambda::Function");
        assertEquals(Map.of("Fn::GetAtt", List.of("UserPoolClientSignInRole", "Arn")), function.get("Role"));
        Map<String, Object> role = properties("UserPoolClientSignInRole", "AWS::IAM::Role");
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : (List<?>) role.get("Policies")) {
            ((List<?>) map(map(policy).get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(map(s)));
        }
        assertEquals(1, statements.size());
        assertEquals("Allow", statements.getFirst().get("Effect"));
        assertEquals(List.of("cognito-idp:DescribeUserPoolClient", "cognito-idp:UpdateUserPoolClient"), statements.getFirst().get("Action"));
        assertEquals(Map.of("Fn::GetAtt", List.of("UserPool", "Arn")), statements.getFirst().get("Resource"));
    }

    /** What CloudFormation refuses: with the URLs on UserPoolClient itself there would be a circle. */
    @Test
    void noResourceDependsOnItselfThroughOthers() {
        Map<String, Set<String>> graph = dependencies(TEMPLATE.resources().keySet());
        assertEquals(Optional.empty(), cycle(graph));
        Map<String, Set<String>> withUrlsOnTheClient = new HashMap<>(graph);
        withUrlsOnTheClient.put("UserPoolClient", union(graph.get("UserPoolClient"), Set.of("SitesDistribution")));
        assertTrue(cycle(withUrlsOnTheClient).isPresent(), "the check finds the circle the custom resource avoids");
    }

    @Test
    void theHostedDomainIsAnOutputAndTheAppsMayCallItsTokenEndpoint() {
        Map<String, Object> outputs = map(RAW.get("Outputs"));
        assertEquals(Map.of("Fn::Sub", "${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com"),
                map(outputs.get("UserPoolHostedDomain")).get("Value"));
        Map<String, Object> config = map(properties("SitesHeadersPolicy", "AWS::CloudFront::ResponseHeadersPolicy")
                .get("ResponseHeadersPolicyConfig"));
        String csp = String.valueOf(map(map(map(config.get("SecurityHeadersConfig")).get("ContentSecurityPolicy"))
                .get("ContentSecurityPolicy")).get("Fn::Sub"));
        String connect = List.of(csp.split(";")).stream().map(String::trim).filter(d -> d.startsWith("connect-src ")).findFirst().orElseThrow();
        assertTrue(List.of(connect.split(" ")).contains("https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com"), connect);
    }

    /**
     * The custom resource's code under node, with a stand-in for the SDK module and for fetch: it sends back every
     * setting the client had (UpdateUserPoolClient resets what it is not sent) with the OAuth ones applied, answers
     * CloudFormation SUCCESS, and FAILED with the reason when Cognito refuses.
     */
    @Test
    void theFunctionKeepsTheClientsSettingsAndAppliesTheSignInOnes(@TempDir Path dir) throws IOException, InterruptedException {
        JsonNode ok = runFunction(dir, "Create", false);
        JsonNode update = ok.path("update");
        assertEquals("pool-1", update.path("UserPoolId").asText());
        assertEquals("client-1", update.path("ClientId").asText());
        assertEquals("[\"ALLOW_USER_SRP_AUTH\",\"ALLOW_REFRESH_TOKEN_AUTH\"]", update.path("ExplicitAuthFlows").toString(), "kept");
        assertEquals(60, update.path("IdTokenValidity").asInt(), "kept");
        assertEquals("[\"email\",\"custom:tenant_id\"]", update.path("ReadAttributes").toString(), "kept");
        assertEquals("[\"code\"]", update.path("AllowedOAuthFlows").toString());
        assertEquals(true, update.path("AllowedOAuthFlowsUserPoolClient").asBoolean(), "CloudFormation sends \"true\": a boolean goes on");
        assertEquals("[\"https://d1.cloudfront.net/door/\",\"https://d1.cloudfront.net/ops/\"]", update.path("CallbackURLs").toString());
        assertEquals("[\"https://d1.cloudfront.net/door/\",\"https://d1.cloudfront.net/ops/\"]", update.path("LogoutURLs").toString());
        assertFalse(update.has("ClientSecret") || update.has("CreationDate"), "only what UpdateUserPoolClient takes");
        assertEquals("SUCCESS", ok.path("answer").path("Status").asText());
        assertEquals("client-1-sign-in", ok.path("answer").path("PhysicalResourceId").asText());

        JsonNode refused = runFunction(dir, "Update", true);
        assertEquals("FAILED", refused.path("answer").path("Status").asText());
        assertTrue(refused.path("answer").path("Reason").asText().contains("invalid callback"), refused.toString());
    }

    private static JsonNode runFunction(Path dir, String requestType, boolean refuse) throws IOException, InterruptedException {
        Map<String, Object> function = properties("UserPoolClientSignInFunction", "AWS::Lambda::Function");
        Path sdk = Files.createDirectories(dir.resolve("node_modules/@aws-sdk/client-cognito-identity-provider"));
        Files.writeString(sdk.resolve("index.js"), """
                class Command { constructor(input) { this.input = input; } }
                exports.DescribeUserPoolClientCommand = class extends Command {};
                exports.UpdateUserPoolClientCommand = class extends Command {};
                exports.CognitoIdentityProviderClient = class {
                  async send(command) {
                    if (command instanceof exports.DescribeUserPoolClientCommand) {
                      return { UserPoolClient: { UserPoolId: 'pool-1', ClientId: 'client-1', ClientName: 'seatpilot-pwa-dev',
                        ClientSecret: undefined, CreationDate: new Date(0), ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
                        ReadAttributes: ['email', 'custom:tenant_id'], AccessTokenValidity: 60, IdTokenValidity: 60,
                        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' } } };
                    }
                    if (process.env.REFUSE) throw new Error('invalid callback URL');
                    globalThis.updated = command.input;
                    return {};
                  }
                };
                """);
        Object properties = Map.of("ServiceToken", "arn", "Revision", "1", "UserPoolId", "pool-1", "ClientId", "client-1",
                "AllowedOAuthFlowsUserPoolClient", "true", "AllowedOAuthFlows", List.of("code"),
                "AllowedOAuthScopes", List.of("openid", "email", "profile"), "SupportedIdentityProviders", List.of("COGNITO"),
                "CallbackURLs", List.of("https://d1.cloudfront.net/door/", "https://d1.cloudfront.net/ops/"),
                "LogoutURLs", List.of("https://d1.cloudfront.net/door/", "https://d1.cloudfront.net/ops/"));
        Map<String, Object> event = new LinkedHashMap<>(Map.of("RequestType", requestType, "ResponseURL", "https://cfn.example/answer",
                "StackId", "stack-1", "RequestId", "request-1", "LogicalResourceId", "UserPoolClientSignIn",
                "ResourceProperties", properties));
        Path script = dir.resolve("index.js");
        Files.writeString(script, map(function.get("Code")).get("ZipFile") + """

                globalThis.fetch = async (url, init) => { globalThis.answer = { url, ...init }; return { ok: true, status: 200 }; };
                exports.handler(JSON.parse(process.argv[2]), { logStreamName: 'log-1' }).then(() => console.log(JSON.stringify({
                  update: globalThis.updated ?? null, answer: JSON.parse(globalThis.answer.body), method: globalThis.answer.method,
                  url: globalThis.answer.url })));
                """);
        var builder = new ProcessBuilder("node", script.toString(), JSON.writeValueAsString(event)).redirectErrorStream(true);
        if (refuse) {
            builder.environment().put("REFUSE", "1");
        }
        Process node = builder.start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, node.waitFor(), out);
        JsonNode result = JSON.readTree(out);
        assertEquals("PUT", result.path("method").asText());
        assertEquals("https://cfn.example/answer", result.path("url").asText(), "answered to CloudFormation's URL");
        return result;
    }

    // ---- the dependency graph ----

    /** Who refers to whom (Ref, GetAtt, Sub, DependsOn). A function's Events are left out: SAM turns them round. */
    private static Map<String, Set<String>> dependencies(Set<String> names) {
        Map<String, Set<String>> graph = new HashMap<>();
        Map<String, Object> resources = map(RAW.get("Resources"));
        for (String name : names) {
            Map<String, Object> raw = map(resources.get(name));
            Map<String, Object> properties = new LinkedHashMap<>(TEMPLATE.resource(name).orElseThrow().properties());
            properties.remove("Events");
            Set<String> refers = new HashSet<>(References.in(properties));
            Object dependsOn = raw.get("DependsOn");
            if (dependsOn instanceof List<?> list) {
                list.forEach(d -> refers.add(String.valueOf(d)));
            } else if (dependsOn != null) {
                refers.add(String.valueOf(dependsOn));
            }
            refers.retainAll(names);
            graph.put(name, refers);
        }
        return graph;
    }

    private static Optional<List<String>> cycle(Map<String, Set<String>> graph) {
        Set<String> done = new HashSet<>();
        for (String start : graph.keySet()) {
            Optional<List<String>> found = visit(start, graph, new ArrayList<>(), done);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String node, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
        if (path.contains(node)) {
            return Optional.of(List.copyOf(path.subList(path.indexOf(node), path.size())));
        }
        if (!done.add(node)) {
            return Optional.empty();
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            Optional<List<String>> found = visit(next, graph, path, done);
            if (found.isPresent()) {
                return found;
            }
        }
        path.removeLast();
        return Optional.empty();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    // ---- reading the template ----

    private static Map<String, Object> properties(String logicalId, String type) {
        TemplateResource resource = TEMPLATE.resource(logicalId).orElseThrow(() -> new AssertionError("no " + logicalId));
        assertEquals(type, resource.type(), logicalId);
        return resource.properties();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
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
