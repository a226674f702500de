package io.seatpilot.local.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded SAM/CloudFormation template with SAM's Globals already merged into the resources they apply to
 * (the Globals stay available for what SAM generates implicitly, such as the default HTTP API).
 * Property values keep their intrinsic functions (in long form); {@link IntrinsicResolver} resolves them on
 * demand, so a property the local stack never reads can hold anything.
 */
public record Template(
        Map<String, Map<String, Object>> parameters,
        Map<String, Object> conditions,
        Map<String, Object> mappings,
        Map<String, Object> globals,
        Map<String, TemplateResource> resources) {

    public Template {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        mappings = Collections.unmodifiableMap(new LinkedHashMap<>(mappings));
        globals = Collections.unmodifiableMap(new LinkedHashMap<>(globals));
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    }

    public Optional<TemplateResource> resource(String logicalId) {
        return Optional.ofNullable(resources.get(logicalId));
    }

    public List<TemplateResource> resourcesOfType(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).toList();
    }
}
