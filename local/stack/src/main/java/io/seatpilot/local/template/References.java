package io.seatpilot.local.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The names a value refers to through Ref, Fn::GetAtt and Fn::Sub — what decides creation order. */
public final class References {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}.]*)(\\.[^}]*)?}");

    private References() {
    }

    public static Set<String> in(Object value) {
        Set<String> names = new LinkedHashSet<>();
        collect(value, names);
        return names;
    }

    private static void collect(Object value, Set<String> names) {
        switch (value) {
            case Map<?, ?> map when Intrinsics.isIntrinsic(map) -> {
                var entry = Intrinsics.asMap(map).entrySet().iterator().next();
                switch (entry.getKey()) {
                    case "Ref" -> names.add(String.valueOf(entry.getValue()));
                    case "Fn::GetAtt" -> names.add(String.valueOf(Intrinsics.asList(entry.getValue()).getFirst()));
                    case "Fn::Sub" -> {
                        Object pattern = entry.getValue() instanceof List<?> list ? list.getFirst() : entry.getValue();
                        Matcher matcher = SUB_VARIABLE.matcher(String.valueOf(pattern));
                        while (matcher.find()) {
                            names.add(matcher.group(1).trim());
                        }
                        if (entry.getValue() instanceof List<?> list && list.size() > 1) {
                            collect(list.get(1), names);
                        }
                    }
                    default -> collect(entry.getValue(), names);
                }
            }
            case Map<?, ?> map -> map.values().forEach(item -> collect(item, names));
            case List<?> list -> list.forEach(item -> collect(item, names));
            case null, default -> {
            }
        }
    }
}
