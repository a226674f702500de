package io.seatpilot.local.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of a resource's resolved properties, with errors that name the resource and the property. */
public record ResolvedProperties(String logicalId, Map<String, Object> values) {

    public static ResolvedProperties of(String logicalId, Object resolved) {
        return new ResolvedProperties(logicalId, resolved == null ? Map.of() : Intrinsics.asMap(resolved));
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name)).map(String::valueOf);
    }

    public String requiredString(String name) {
        return string(name).orElseThrow(() -> new TemplateException(logicalId + " needs property " + name));
    }

    public Optional<Integer> integer(String name) {
        return string(name).map(value -> {
            try {
                return Integer.valueOf(value);
            } catch (NumberFormatException e) {
                throw new TemplateException(logicalId + "." + name + " is not a whole number: " + value);
            }
        });
    }

    public boolean flag(String name, boolean absent) {
        return string(name).map(Boolean::parseBoolean).orElse(absent);
    }

    public Optional<ResolvedProperties> map(String name) {
        return Optional.ofNullable(values.get(name)).map(value -> new ResolvedProperties(logicalId, Intrinsics.asMap(value)));
    }

    public List<ResolvedProperties> maps(String name) {
        Object value = values.get(name);
        return value == null ? List.of()
                : Intrinsics.asList(value).stream().map(item -> new ResolvedProperties(logicalId, Intrinsics.asMap(item))).toList();
    }

    /** A list of strings; a single scalar counts as a one-item list, as several SAM properties allow. */
    public List<String> strings(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }
}
