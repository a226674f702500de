package io.seatpilot.local.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A route path such as {@code /v1/devices/{deviceId}/keys/{keyId}} or {@code /files/{proxy+}}. */
public record PathTemplate(String text, List<Segment> segments) {

    /** Orders templates from most to least specific, the order in which API Gateway prefers matches. */
    static final Comparator<PathTemplate> MOST_SPECIFIC_FIRST = PathTemplate::compareSpecificity;

    sealed interface Segment {
        record Literal(String text) implements Segment {
        }

        record Variable(String name) implements Segment {
        }

        /** {@code {name+}}: one or more trailing segments; only valid last. */
        record Greedy(String name) implements Segment {
        }
    }

    public static PathTemplate parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("A route path starts with '/': " + text);
        }
        List<Segment> segments = new ArrayList<>();
        String[] parts = text.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i != parts.length - 1) {
                    throw new IllegalArgumentException("A greedy path variable must be last: " + text);
                }
                segments.add(new Segment.Greedy(part.substring(1, part.length() - 2)));
            } else if (part.startsWith("{") && part.endsWith("}")) {
                segments.add(new Segment.Variable(part.substring(1, part.length() - 1)));
            } else {
                segments.add(new Segment.Literal(part));
            }
        }
        return new PathTemplate(text, List.copyOf(segments));
    }

    /** The path parameters (URL-decoded, as API Gateway passes them) when {@code rawPath} matches. */
    public Optional<Map<String, String>> match(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            boolean present = i < parts.length && !parts[i].isEmpty();
            switch (segments.get(i)) {
                case Segment.Greedy greedy -> {
                    if (!present) {
                        return Optional.empty();
                    }
                    parameters.put(greedy.name(), decode(String.join("/", List.of(parts).subList(i, parts.length))));
                    return Optional.of(parameters);
                }
                case Segment.Literal literal -> {
                    if (i >= parts.length || !literal.text().equals(parts[i])) {
                        return Optional.empty();
                    }
                }
                case Segment.Variable variable -> {
                    if (!present) {
                        return Optional.empty();
                    }
                    parameters.put(variable.name(), decode(parts[i]));
                }
            }
        }
        return parts.length == segments.size() ? Optional.of(parameters) : Optional.empty();
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private int compareSpecificity(PathTemplate other) {
        int common = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < common; i++) {
            int difference = Integer.compare(rank(segments.get(i)), rank(other.segments.get(i)));
            if (difference != 0) {
                return difference;
            }
        }
        return Integer.compare(other.segments.size(), segments.size());
    }

    private static int rank(Segment segment) {
        return switch (segment) {
            case Segment.Literal literal -> 0;
            case Segment.Variable variable -> 1;
            case Segment.Greedy greedy -> 2;
        };
    }
}
