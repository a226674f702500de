package io.seatpilot.core.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.seatpilot.core.text.CharRunPattern;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A JSON Schema compiled once into plain Java checks, for the keywords {@code schemas/} uses; any other keyword
 * fails the build of the layer ({@link #compile} throws), so nothing in a schema is ever silently skipped. It
 * answers {@link Verdict#VALID} only when it is certain: where draft 2020-12 and Java could disagree (an integer
 * written as {@code 1.0}, a big integer, a non-string enum) it answers {@link Verdict#UNSURE}, and the caller
 * asks networknt, which also words the violations of anything not valid. Valid envelopes — nearly all of them —
 * thus skip the generic validator's per-node bookkeeping (paths, messages, walkers), which cost most of ingest's CPU.
 */
@FunctionalInterface
interface SchemaCheck {

    enum Verdict {
        VALID, INVALID, UNSURE;

        static Verdict of(boolean valid) {
            return valid ? VALID : INVALID;
        }

        /** Both must hold: any refusal refuses, any doubt is doubt. */
        Verdict and(Verdict other) {
            return this == INVALID || other == INVALID ? INVALID : this == UNSURE || other == UNSURE ? UNSURE : VALID;
        }

        Verdict not() {
            return this == VALID ? INVALID : this == INVALID ? VALID : UNSURE;
        }
    }

    Verdict check(JsonNode node);

    /** Annotations: they describe, they do not validate. */
    Set<String> IGNORED = Set.of("$schema", "$id", "title", "description", "examples", "$comment");

    /** The string keywords, compiled into one check (with {@code "type": "string"}) that counts code points once. */
    Set<String> TEXT_RULES = Set.of("minLength", "maxLength", "pattern");

    /** The schema {@code true}, and any schema without keywords. */
    SchemaCheck ANY = node -> Verdict.VALID;

    static SchemaCheck compile(JsonNode schema) {
        if (schema.isBoolean()) {
            return schema.asBoolean() ? ANY : node -> Verdict.INVALID;
        }
        List<SchemaCheck> checks = new ArrayList<>();
        ObjectCheck properties = null;
        boolean textRules = false;
        for (var keyword : schema.properties()) {
            String name = keyword.getKey();
            if (IGNORED.contains(name) || name.equals("then") || name.equals("else") // compiled with their "if"
                    || (name.equals("additionalProperties") && schema.has("properties")) // with "properties"
                    || (name.equals("required") && (schema.has("properties") || schema.has("additionalProperties")))) {
                continue;
            }
            if (TEXT_RULES.contains(name) || (name.equals("type") && keyword.getValue().asText().equals("string"))) {
                if (!textRules) {
                    checks.add(text(schema));
                    textRules = true;
                }
                continue;
            }
            SchemaCheck check = keyword(name, keyword.getValue(), schema);
            if (check instanceof ObjectCheck object) {
                properties = object;
            } else {
                checks.add(check);
            }
        }
        SchemaCheck rest = all(checks.toArray(SchemaCheck[]::new));
        return properties == null ? rest : new WithProperties(rest, properties);
    }

    /**
     * A schema with {@code properties}: its {@link ObjectCheck} kept apart from its other keywords, so that
     * {@link ContentHash} can check an object's fields while it writes them instead of walking them again.
     */
    record WithProperties(SchemaCheck rest, ObjectCheck properties) implements SchemaCheck {

        @Override
        public Verdict check(JsonNode node) {
            Verdict verdict = rest.check(node);
            return verdict == Verdict.INVALID ? verdict : verdict.and(properties.check(node));
        }
    }

    /**
     * Every check must hold. One or two checks (most schemas: a type and its rules) are called directly, not
     * through a loop: a valid envelope passes through a few hundred of these, so each indirection showed (issue 16).
     */
    private static SchemaCheck all(SchemaCheck[] checks) {
        return switch (checks.length) {
            case 0 -> ANY;
            case 1 -> checks[0];
            case 2 -> {
                SchemaCheck first = checks[0];
                SchemaCheck second = checks[1];
                yield node -> {
                    Verdict verdict = first.check(node);
                    return verdict == Verdict.INVALID ? verdict : verdict.and(second.check(node));
                };
            }
            default -> node -> {
                Verdict verdict = Verdict.VALID;
                for (SchemaCheck check : checks) {
                    verdict = verdict.and(check.check(node));
                    if (verdict == Verdict.INVALID) {
                        return verdict;
                    }
                }
                return verdict;
            };
        };
    }

    private static SchemaCheck text(JsonNode schema) {
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        Predicate<String> pattern = schema.has("pattern") ? CharRunPattern.of(schema.get("pattern").asText())
                .orElseGet(() -> new LastAcceptedPattern(schema.get("pattern").asText())) : null;
        Verdict notText = schema.path("type").asText().equals("string") ? Verdict.INVALID : Verdict.VALID;
        return new Text(min, max, pattern, notText);
    }

    /**
     * The string keywords of one schema. A class of its own, not a lambda, so that {@link ObjectCheck} can call
     * it directly: most properties are strings, and the call through the interface was one of many receivers.
     */
    record Text(int min, int max, Predicate<String> pattern, Verdict notText) implements SchemaCheck {

        @Override
        public Verdict check(JsonNode node) {
            // by class first: isTextual() is a virtual call that sees every kind of node here (issue 16)
            if (!(node instanceof TextNode textNode)) {
                return node.isTextual() ? check(node.textValue()) : notText;
            }
            return check(textNode.textValue());
        }

        private Verdict check(String text) {
            int length = text.codePointCount(0, text.length());
            return Verdict.of(length >= min && length <= max && (pattern == null || pattern.test(text)));
        }
    }

    private static SchemaCheck keyword(String keyword, JsonNode value, JsonNode schema) {
        return switch (keyword) {
            case "type" -> type(value.asText());
            case "properties", "additionalProperties" -> properties(schema); // both together, once
            case "required" -> {
                String[] names = texts(value).toArray(String[]::new);
                yield objects(node -> Verdict.of(hasAll(node, names)));
            }
            case "dependentRequired" -> {
                Map<String, String[]> dependencies = new java.util.HashMap<>();
                value.properties().forEach(d -> dependencies.put(d.getKey(), texts(d.getValue()).toArray(String[]::new)));
                yield objects(node -> {
                    for (var d : dependencies.entrySet()) {
                        if (node.has(d.getKey()) && !hasAll(node, d.getValue())) {
                            return Verdict.INVALID;
                        }
                    }
                    return Verdict.VALID;
                });
            }
            case "enum" -> {
                List<String> allowed = texts(value);
                yield node -> Verdict.of(node instanceof TextNode text ? allowed.contains(text.textValue())
                        : node.isTextual() && allowed.contains(node.textValue()));
            }
            case "const" -> {
                String constant = texts(List.of(value)).getFirst();
                yield node -> Verdict.of(node.isTextual() && constant.equals(node.textValue()));
            }
            case "minimum" -> numbers(value, c -> c >= 0);
            case "maximum" -> numbers(value, c -> c <= 0);
            case "exclusiveMinimum" -> numbers(value, c -> c > 0);
            case "items" -> {
                SchemaCheck item = compile(value);
                yield arrays(node -> {
                    Verdict verdict = Verdict.VALID;
                    for (JsonNode element : node) {
                        verdict = verdict.and(item.check(element));
                    }
                    return verdict;
                });
            }
            case "minItems" -> arrays(node -> Verdict.of(node.size() >= value.asInt()));
            case "maxItems" -> arrays(node -> Verdict.of(node.size() <= value.asInt()));
            case "uniqueItems" -> arrays(node -> {
                Set<String> seen = new HashSet<>();
                for (JsonNode element : node) {
                    if (!element.isTextual()) {
                        return Verdict.UNSURE; // equality of numbers and objects is networknt's to judge
                    }
                    if (!seen.add(element.textValue())) {
                        return Verdict.INVALID;
                    }
                }
                return Verdict.VALID;
            });
            case "not" -> {
                SchemaCheck negated = compile(value);
                yield node -> negated.check(node).not();
            }
            case "anyOf" -> {
                List<SchemaCheck> options = compileAll(value);
                yield node -> {
                    Verdict any = Verdict.INVALID;
                    for (SchemaCheck option : options) {
                        Verdict verdict = option.check(node);
                        if (verdict == Verdict.VALID) {
                            return verdict;
                        }
                        any = verdict == Verdict.UNSURE ? verdict : any;
                    }
                    return any;
                };
            }
            case "oneOf" -> {
                List<SchemaCheck> options = compileAll(value);
                yield node -> {
                    List<Verdict> verdicts = options.stream().map(o -> o.check(node)).toList();
                    return verdicts.contains(Verdict.UNSURE) ? Verdict.UNSURE
                            : Verdict.of(verdicts.stream().filter(v -> v == Verdict.VALID).count() == 1);
                };
            }
            case "if" -> {
                SchemaCheck condition = compile(value);
                SchemaCheck then = schema.has("then") ? compile(schema.get("then")) : node -> Verdict.VALID;
                SchemaCheck otherwise = schema.has("else") ? compile(schema.get("else")) : node -> Verdict.VALID;
                yield node -> switch (condition.check(node)) {
                    case VALID -> then.check(node);
                    case INVALID -> otherwise.check(node);
                    case UNSURE -> Verdict.UNSURE;
                };
            }
            default -> throw new IllegalStateException("JSON Schema keyword " + keyword + " has no compiled check");
        };
    }

    private static SchemaCheck type(String type) {
        return switch (type) {
            // by class first, as in Text: the virtual isX() calls here see every kind of node (issue 16)
            case "object" -> node -> Verdict.of(node instanceof ObjectNode || node.isObject());
            case "array" -> node -> Verdict.of(node.isArray());
            // "string" is compiled with the string keywords (text)
            case "boolean" -> node -> Verdict.of(node.isBoolean());
            case "number" -> node -> Verdict.of(node.isNumber());
            // 1.0 is an integer to draft 2020-12 but not to Jackson: networknt decides
            case "integer" -> node -> isIntOrLong(node) || node.isIntegralNumber() ? Verdict.VALID
                    : node.isNumber() ? Verdict.UNSURE : Verdict.INVALID;
            default -> throw new IllegalStateException("JSON Schema type " + type + " has no compiled check");
        };
    }

    /**
     * {@code properties}, {@code additionalProperties} (false, true or absent) and {@code required}, together.
     * Properties that only name keys ({@code "pass": true}) and allow others, as the "at most one identifier"
     * rules of the payloads do, reduce to the required keys: looked up, not a walk of the object's fields.
     */
    private static SchemaCheck properties(JsonNode schema) {
        Map<String, SchemaCheck> known = new java.util.HashMap<>();
        schema.path("properties").properties().forEach(p -> known.put(p.getKey(), compile(p.getValue())));
        JsonNode additional = schema.path("additionalProperties");
        if (!additional.isMissingNode() && !additional.isBoolean()) {
            throw new IllegalStateException("additionalProperties as a schema has no compiled check");
        }
        String[] required = schema.has("required") ? texts(schema.get("required")).toArray(String[]::new) : new String[0];
        boolean closed = !additional.asBoolean(true);
        if (!closed && known.values().stream().allMatch(check -> check == ANY)) {
            return objects(node -> Verdict.of(hasAll(node, required)));
        }
        return new ObjectCheck(known, closed, required);
    }

    /** A comparison of the instance with the schema's bound: {@code holds} gets compare(instance, bound). */
    private static SchemaCheck numbers(JsonNode bound, java.util.function.IntPredicate holds) {
        BigDecimal limit = bound.decimalValue();
        boolean longBound = bound.isIntegralNumber() && bound.canConvertToLong();
        long longLimit = bound.longValue();
        return node -> {
            if (longBound && isIntOrLong(node)) { // the usual case first, without the virtual isX() calls below
                return Verdict.of(holds.test(Long.compare(node.longValue(), longLimit)));
            }
            if (!node.isNumber()) {
                return Verdict.VALID; // bounds apply to numbers only
            }
            if (node.isBigInteger() || node.isBigDecimal()) {
                return Verdict.UNSURE;
            }
            if (longBound && node.isIntegralNumber()) { // ints and longs against an integer bound: no BigDecimal
                return Verdict.of(holds.test(Long.compare(node.longValue(), longLimit)));
            }
            BigDecimal value = node.isIntegralNumber() ? BigDecimal.valueOf(node.longValue()) : new BigDecimal(node.doubleValue());
            return Verdict.of(holds.test(value.compareTo(limit)));
        };
    }

    private static boolean isIntOrLong(JsonNode node) {
        return node instanceof IntNode || node instanceof LongNode;
    }

    private static boolean hasAll(JsonNode node, String[] names) {
        for (String name : names) {
            if (!node.has(name)) {
                return false;
            }
        }
        return true;
    }

    private static SchemaCheck objects(SchemaCheck check) {
        return node -> node.isObject() ? check.check(node) : Verdict.VALID;
    }

    private static SchemaCheck arrays(SchemaCheck check) {
        return node -> node.isArray() ? check.check(node) : Verdict.VALID;
    }

    private static List<SchemaCheck> compileAll(JsonNode schemas) {
        List<SchemaCheck> compiled = new ArrayList<>();
        schemas.forEach(s -> compiled.add(compile(s)));
        return compiled;
    }

    private static List<String> texts(Iterable<JsonNode> values) {
        List<String> texts = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isTextual()) {
                throw new IllegalStateException("only string values have a compiled check, not " + value);
            }
            texts.add(value.textValue());
        }
        return texts;
    }
}
