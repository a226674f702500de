package io.seatpilot.local.it.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.seatpilot.local.gateway.Route;
import io.seatpilot.local.it.SharedStack;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml and asyncapi.yaml as CI checks them (SPEC §18): both parse with a real validator, the HTTP
 * document's routes are exactly the template's (read as the local stack reads it) with the template's
 * authorisation, and every example in either document validates against its schema.
 */
class ContractDocumentsTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void openApiParsesWithoutAMessage() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        var result = new OpenAPIParser().readLocation(Contracts.root().resolve("openapi.yaml").toUri().toString(), null, options);
        assertNotNull(result.getOpenAPI(), () -> "unreadable: " + result.getMessages());
        assertEquals(List.of(), result.getMessages());
        assertEquals("3.1.0", result.getOpenAPI().getOpenapi());
        assertTrue(result.getOpenAPI().getSpecVersion().name().equals("V31"));
    }

    /** The routes the local stack serves from template.yaml, each with the document's security for it. */
    @Test
    void theDocumentsRoutesAreTheTemplates() {
        JsonNode document = Contracts.openApi().document();
        Map<String, String> documented = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (METHODS.contains(operation.getKey())) {
                documented.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), security(operation.getValue()));
            }
        }));
        Map<String, String> template = new TreeMap<>();
        for (Route route : SharedStack.get().routes()) {
            // a JWT authorizer at the gateway: the JWT is the only credential; open routes read their own
            template.put(route.routeKey(), route.auth() instanceof Route.RouteAuth.Jwt ? "[jwt]" : "open");
        }
        assertEquals(template.keySet(), documented.keySet(), "the routes of openapi.yaml and template.yaml");
        Map<String, String> documentedAuth = new TreeMap<>(documented);
        documentedAuth.replaceAll((route, security) -> security.equals("[jwt]") ? "[jwt]" : "open");
        assertEquals(template, documentedAuth, "a route behind the JWT authorizer has exactly [jwt] as its security");
    }

    private static String security(JsonNode operation) {
        Set<String> schemes = new TreeSet<>();
        operation.path("security").forEach(requirement -> schemes.add(iterate(requirement.fieldNames()).toString()));
        return schemes.size() == 1 ? schemes.iterator().next() : schemes.toString();
    }

    @Test
    void everyOpenApiExampleValidates() {
        Contracts openApi = Contracts.openApi();
        List<String> failures = new ArrayList<>();
        int checked = examples(openApi, openApi.document(), "", failures);
        assertEquals(List.of(), failures);
        assertTrue(checked >= 60, () -> "only " + checked + " examples: every operation's answers should carry one");
    }

    @Test
    void asyncApiIsValidAsyncApi3() throws IOException {
        JsonNode document = Contracts.asyncApi().document();
        assertEquals("3.0.0", document.path("asyncapi").asText());
        try (InputStream schema = getClass().getResourceAsStream("/contracts/asyncapi-3.0.0.schema.json")) {
            var validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(new ObjectMapper().readTree(schema));
            assertEquals(Set.of(), validator.validate(document));
        }
    }

    /** The validator refuses a document that is not AsyncAPI 3 (so the test above can fail). */
    @Test
    void aBrokenAsyncApiDocumentIsRefused() throws IOException {
        var broken = (com.fasterxml.jackson.databind.node.ObjectNode) Contracts.asyncApi().document().deepCopy();
        broken.remove("info");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("operations").path("ping")).put("action", "shout");
        try (InputStream schema = getClass().getResourceAsStream("/contracts/asyncapi-3.0.0.schema.json")) {
            var validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(new ObjectMapper().readTree(schema));
            var messages = validator.validate(broken).toString();
            assertTrue(messages.contains("info") && messages.contains("action"), messages);
        }
    }

    /** {@code /docs/} serves the documents as they are on disk, and the page that renders them. */
    @Test
    void theStackServesTheContracts() throws IOException {
        var api = new io.seatpilot.local.it.Api(SharedStack.get().httpEndpoint());
        for (String name : List.of("openapi.yaml", "asyncapi.yaml")) {
            var answer = api.send("GET", "/docs/" + name, null, Map.of());
            assertEquals(200, answer.status());
            assertEquals(java.nio.file.Files.readString(Contracts.root().resolve(name)), answer.body());
        }
        var page = api.send("GET", "/docs/", null, Map.of());
        assertEquals(200, page.status());
        assertTrue(page.body().contains("openapi.yaml") && page.body().contains("swagger-ui-bundle.js"), page.body());
        assertEquals(200, api.send("GET", "/docs/swagger-ui/swagger-ui-bundle.js", null, Map.of()).status());
        assertEquals(404, api.send("GET", "/docs/../template.yaml", null, Map.of()).status());
    }

    @Test
    void everyAsyncApiExampleValidates() {
        Contracts asyncApi = Contracts.asyncApi();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = asyncApi.document().path("components").path("messages").fields(); it.hasNext(); ) {
            var message = it.next();
            String payload = "/components/messages/" + Contracts.escape(message.getKey()) + "/payload";
            assertTrue(message.getValue().path("examples").size() > 0, () -> message.getKey() + " has no example");
            for (JsonNode example : message.getValue().path("examples")) {
                checked++;
                var violations = asyncApi.validate(payload, example.path("payload"));
                if (!violations.isEmpty()) {
                    failures.add(message.getKey() + " example " + example.path("name").asText() + ": " + violations);
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(checked > 0);
    }

    /** Walks the document: every {@code example} and {@code examples.*.value} beside a {@code schema} must satisfy it. */
    private static int examples(Contracts contracts, JsonNode node, String pointer, List<String> failures) {
        int checked = 0;
        if (node.isObject()) {
            if (node.has("schema") && (node.has("example") || node.has("examples"))) {
                List<JsonNode> values = new ArrayList<>();
                if (node.has("example")) {
                    values.add(node.get("example"));
                }
                node.path("examples").forEach(example -> values.add(example.path("value")));
                for (JsonNode value : values) {
                    checked++;
                    var violations = contracts.validate(pointer + "/schema", value);
                    if (!violations.isEmpty()) {
                        failures.add(pointer + ": " + violations.stream().map(Object::toString).collect(Collectors.joining("; ")));
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                checked += examples(contracts, field.getValue(), pointer + "/" + Contracts.escape(field.getKey()), failures);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checked += examples(contracts, node.get(i), pointer + "/" + i, failures);
            }
        }
        return checked;
    }

    private static List<String> iterate(Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
