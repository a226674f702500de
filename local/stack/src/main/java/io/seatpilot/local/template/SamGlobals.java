package io.seatpilot.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a template's {@code Globals} section the way the SAM transform does: each section
 * ({@code Function}, {@code HttpApi}, …) is merged into every {@code AWS::Serverless::<section>} resource.
 * Maps merge key by key, lists are concatenated (globals first), and any other value — including an intrinsic
 * function, which SAM treats as opaque — is replaced by the resource's own.
 */
final class SamGlobals {

    private final Map<String, Object> globals;

    SamGlobals(Map<String, Object> globals) {
        this.globals = globals;
    }

    Map<String, Object> applyTo(String resourceType, Map<String, Object> properties) {
        if (!resourceType.startsWith("AWS::Serverless::")) {
            return properties;
        }
        Object section = globals.get(resourceType.substring("AWS::Serverless::".length()));
        if (!(section instanceof Map<?, ?> defaults)) {
            return properties;
        }
        return mergeMaps(Intrinsics.asMap(defaults), properties);
    }

    private static Map<String, Object> mergeMaps(Map<String, Object> global, Map<String, Object> local) {
        Map<String, Object> merged = new LinkedHashMap<>(global);
        local.forEach((key, value) -> merged.put(key, merged.containsKey(key) ? merge(merged.get(key), value) : value));
        return merged;
    }

    private static Object merge(Object global, Object local) {
        if (global instanceof Map<?, ?> g && local instanceof Map<?, ?> l && !Intrinsics.isIntrinsic(g) && !Intrinsics.isIntrinsic(l)) {
            return mergeMaps(Intrinsics.asMap(g), Intrinsics.asMap(l));
        }
        if (global instanceof List<?> g && local instanceof List<?> l) {
            List<Object> both = new ArrayList<>(g);
            both.addAll(l);
            return both;
        }
        return local;
    }
}
