package io.seatpilot.local.template;

import java.util.Map;
import java.util.Optional;

/** One entry of the template's Resources section; properties still carry unresolved intrinsics. */
public record TemplateResource(String logicalId, String type, Map<String, Object> properties, Optional<String> condition) {

    public TemplateResource {
        properties = properties == null ? Map.of() : properties;
    }
}
