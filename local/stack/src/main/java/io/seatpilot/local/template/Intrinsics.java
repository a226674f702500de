package io.seatpilot.local.template;

import java.util.List;
import java.util.Map;

/** Helpers for the template's generic value tree (maps, lists, scalars) and its long-form intrinsics. */
public final class Intrinsics {

    private Intrinsics() {
    }

    /** A one-key map whose key is {@code Ref}, {@code Condition} or {@code Fn::…} is a function call, not data. */
    public static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        Object key = map.keySet().iterator().next();
        return key instanceof String name && (name.equals("Ref") || name.equals("Condition") || name.startsWith("Fn::"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new TemplateException("Expected a map, got " + describe(value));
    }

    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object value) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new TemplateException("Expected a list, got " + describe(value));
    }

    static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
    }
}
