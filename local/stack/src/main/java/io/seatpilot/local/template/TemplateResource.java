package io.seatpilot.local.template;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of the template's Resources section; properties still carry unresolved intrinsics. The deletion and
 * replace policies are kept so the template's safety rules can be checked, though the local stack ignores them.
 */
public record TemplateResource(String logicalId, String type, Map<String, Object> properties, Optional<String> condition,
                               Optional<String> deletionPolicy, Optional<String> updateReplacePolicy) {

    public TemplateResource {
        properties = properties == null ? Map.of() : properties;
    }
}
