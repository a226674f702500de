package io.seatpilot.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads a SAM template from disk and merges its Globals into the resources, as the SAM transform would. */
public final class TemplateLoader {

    private TemplateLoader() {
    }

    public static Template load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = CloudFormationYaml.parser().load(reader);
            return fromDocument(Intrinsics.asMap(document));
        } catch (IOException e) {
            throw new TemplateException("Cannot read template " + file, e);
        } catch (RuntimeException e) {
            throw new TemplateException("Cannot parse template " + file + ": " + e.getMessage(), e);
        }
    }

    private static Template fromDocument(Map<String, Object> document) {
        Map<String, Object> globalsSection = section(document, "Globals");
        var globals = new SamGlobals(globalsSection);
        Map<String, TemplateResource> resources = new LinkedHashMap<>();
        section(document, "Resources").forEach((logicalId, value) -> {
            Map<String, Object> definition = Intrinsics.asMap(value);
            String type = String.valueOf(definition.get("Type"));
            Map<String, Object> properties = definition.get("Properties") == null
                    ? Map.of() : Intrinsics.asMap(definition.get("Properties"));
            Optional<String> condition = text(definition, "Condition");
            resources.put(logicalId, new TemplateResource(logicalId, type, globals.applyTo(type, properties), condition,
                    text(definition, "DeletionPolicy"), text(definition, "UpdateReplacePolicy")));
        });
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        section(document, "Parameters").forEach((name, definition) ->
                parameters.put(name, definition == null ? Map.of() : Intrinsics.asMap(definition)));
        return new Template(parameters, section(document, "Conditions"), section(document, "Mappings"), globalsSection,
                resources);
    }

    private static Optional<String> text(Map<String, Object> definition, String attribute) {
        return Optional.ofNullable(definition.get(attribute)).map(String::valueOf);
    }

    private static Map<String, Object> section(Map<String, Object> document, String name) {
        Object section = document.get(name);
        return section == null ? Map.of() : Intrinsics.asMap(section);
    }
}
